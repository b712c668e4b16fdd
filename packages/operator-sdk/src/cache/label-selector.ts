import { OperatorSdkError } from '../errors/operator-sdk.error.js';

/** A label selector: the string form (`app=web,tier!=db,env in (a,b),!legacy`) or the API object form. */
export type LabelSelector =
  | string
  | {
      matchLabels?: Record<string, string>;
      matchExpressions?: {
        key: string;
        operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
        values?: string[];
      }[];
    };

/** A compiled selector: whether a set of labels matches. */
export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

interface Requirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

/**
 * Compiles a selector with the API server's semantics: requirements are ANDed, `!=` and `notin` match objects
 * without the label, an empty selector matches everything.
 *
 * @throws OperatorSdkError `Validation` for a string the API server would reject, naming the bad part.
 */
export function compileLabelSelector(selector: LabelSelector | undefined): LabelMatcher {
  const requirements =
    selector === undefined ? [] : typeof selector === 'string' ? parse(selector) : fromObject(selector);
  if (requirements.length === 0) return () => true;
  return (labels) => requirements.every((r) => matches(r, labels ?? {}));
}

function matches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'in':
      return has && r.values.includes(labels[r.key]);
    case 'notin':
      return !has || !r.values.includes(labels[r.key]);
  }
}

function fromObject(selector: Exclude<LabelSelector, string>): Requirement[] {
  const fromLabels = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    op: 'in' as const,
    values: [value],
  }));
  const ops = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const;
  const fromExpressions = (selector.matchExpressions ?? []).map((e) => ({
    key: e.key,
    op: ops[e.operator],
    values: e.values ?? [],
  }));
  return [...fromLabels, ...fromExpressions];
}

// Splits on commas outside parentheses, then reads each requirement.
function parse(text: string): Requirement[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => parseRequirement(p, text));
}

const setPattern = /^([A-Za-z0-9./_-]+)\s+(in|notin)\s*\(([^)]*)\)$/;
const equalityPattern = /^([A-Za-z0-9./_-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)$/;
const existsPattern = /^(!?)\s*([A-Za-z0-9./_-]+)$/;

function parseRequirement(part: string, whole: string): Requirement {
  let m = setPattern.exec(part);
  if (m) {
    const values = m[3]
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return { key: m[1], op: m[2] as 'in' | 'notin', values };
  }
  m = equalityPattern.exec(part);
  if (m) return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
  m = existsPattern.exec(part);
  if (m) return { key: m[2], op: m[1] ? '!' : 'exists', values: [] };
  throw new OperatorSdkError(
    'Validation',
    `failed to parse label selector "${whole}": cannot read "${part}"; use key=value, key!=value, key in (a,b), key notin (a,b), key or !key`,
  );
}
