import { childField, indexField, type FieldIssue } from '@score-orchestrator/api';

// Reading untrusted configuration data field by field: every problem becomes an issue naming the field
// and saying how to fix it, and reading continues, so one pass reports everything.

export type Mapping = Record<string, unknown>;

export interface StringRule {
  readonly required?: boolean;
  readonly pattern?: RegExp;
  /** Completes "must be …" when the pattern does not match, e.g. `a DNS label (lower-case a-z, 0-9, '-')`. */
  readonly patternHint?: string;
  readonly maxLength?: number;
}

/** Collects issues while reading one document. */
export class FieldReader {
  readonly issues: FieldIssue[] = [];

  add(field: string, message: string): void {
    this.issues.push({ field: field || '<root>', message });
  }

  /** `value` as a mapping with only `known` keys (unknown keys are reported); undefined when not a mapping. */
  mapping(value: unknown, field: string, known: readonly string[]): Mapping | undefined {
    if (!isMapping(value)) {
      this.add(field, `must be a mapping (key: value), not ${describe(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const near = nearest(known, key);
      this.add(
        childField(field, key),
        `unknown field${near ? `; did you mean ${near}?` : ''} (known fields: ${known.join(', ')})`,
      );
    }
    return value;
  }

  /** The optional mapping at `obj[key]`, null treated as absent. */
  optionalMapping(obj: Mapping, key: string, field: string, known: readonly string[]): Mapping | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    return this.mapping(value, childField(field, key), known);
  }

  /** The free-form mapping at `obj[key]` (any keys), null treated as absent. */
  freeMapping(obj: Mapping, key: string, field: string): Mapping | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    if (isMapping(value)) return value;
    this.add(childField(field, key), `must be a mapping (key: value), not ${describe(value)}`);
    return undefined;
  }

  /** A string field; reports wrong types, empty strings, missing required values and pattern mismatches. */
  string(obj: Mapping, key: string, field: string, rule: StringRule = {}): string | undefined {
    return this.stringValue(obj[key], childField(field, key), rule);
  }

  /** {@link string} for a value at `at` (e.g. a list item). */
  stringValue(value: unknown, at: string, rule: StringRule = {}): string | undefined {
    if (value === undefined || value === null) {
      if (rule.required) this.add(at, 'required; add it');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(
        at,
        `must be a string, not ${describe(value)}${typeof value === 'number' ? ' (quote it)' : ''}`,
      );
      return undefined;
    }
    if (value.trim() === '') {
      this.add(
        at,
        rule.required ? 'must not be empty' : 'must not be empty; remove the field or set a value',
      );
      return undefined;
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      this.add(at, `must be at most ${rule.maxLength} characters, not ${value.length}`);
      return undefined;
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      this.add(
        at,
        `${JSON.stringify(value)} is not valid: must be ${rule.patternHint ?? `like ${rule.pattern}`}`,
      );
      return undefined;
    }
    return value;
  }

  /** One of `allowed`, or undefined (reported when present and not allowed). */
  oneOf<T extends string>(obj: Mapping, key: string, field: string, allowed: readonly T[]): T | undefined {
    const value = this.string(obj, key, field);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.add(
      childField(field, key),
      `${JSON.stringify(value)} is not valid: must be one of ${allowed.join(', ')}`,
    );
    return undefined;
  }

  /** The list at `obj[key]` as `[item, itemField]` pairs; null and absent are empty. */
  list(obj: Mapping, key: string, field: string): [unknown, string][] {
    const at = childField(field, key);
    const value = obj[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.add(at, `must be a list (items starting with "- "), not ${describe(value)}`);
      return [];
    }
    return value.map((item, i) => [item, indexField(at, i)]);
  }

  /** A mapping of string to string (e.g. labels). */
  stringMap(obj: Mapping, key: string, field: string): Record<string, string> | undefined {
    const value = obj[key];
    if (value === undefined || value === null) return undefined;
    const at = childField(field, key);
    if (!isMapping(value)) {
      this.add(at, `must be a mapping of strings, not ${describe(value)}`);
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') out[k] = v;
      else this.add(childField(at, k), `must be a string, not ${describe(v)} (quote it)`);
    }
    return out;
  }

  /** Reports the second and later items whose `key(item)` repeats an earlier one. */
  unique<T>(items: readonly [T, string][], key: (item: T) => string | undefined, what: string): void {
    const seen = new Map<string, string>();
    for (const [item, field] of items) {
      const k = key(item);
      if (k === undefined) continue;
      const first = seen.get(k);
      if (first)
        this.add(field, `duplicate ${what} ${JSON.stringify(k)} (first at ${first}); remove or rename one`);
      else seen.set(k, field);
    }
  }
}

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}

/** Whether `typed` is probably a misspelling of `known`: a close edit, or a prefix of at least 3 characters. */
/** The known field `typed` most resembles (the fewest edits among those that resemble it), if any. */
function nearest(known: readonly string[], typed: string): string | undefined {
  const lower = typed.toLowerCase();
  const distance = (k: string) => editDistance(k.toLowerCase(), lower);
  return known
    .filter((k) => resembles(k.toLowerCase(), lower))
    .reduce<string | undefined>(
      (best, k) => (best === undefined || distance(k) < distance(best) ? k : best),
      undefined,
    );
}

function resembles(known: string, typed: string): boolean {
  if (typed.length >= 3 && (known.startsWith(typed) || typed.startsWith(known))) return true;
  return editDistance(known, typed) <= 2;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
