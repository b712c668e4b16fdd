import type { FieldIssue } from '../errors/api.error.js';
import { childField, indexField } from '../errors/field-path.js';

// Reading untrusted decoded YAML (a Score file, the platform config) field by field: every problem becomes an
// issue naming the field path and saying what the field must be, and reading continues, so one pass reports
// everything. The Score reader and the platform-config reader share it so that both speak the same words.

/** A decoded YAML mapping. */
export type Mapping = Record<string, unknown>;

/** Rules for one string field, after the JSON schema keywords the Score schema uses. */
export interface StringRules {
  readonly required?: boolean;
  /** Refuses an empty or whitespace-only string (stricter than `minLength: 1`, which the Score schema uses). */
  readonly notBlank?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** Completes "must be …" after a pattern mismatch, e.g. `an RFC 1123 label such as "web"`. */
  readonly expected?: string;
  readonly oneOf?: readonly string[];
}

/** How {@link FieldReader.mapping} reads a mapping. */
export interface MappingRules {
  /** An absent (or null) value is an issue. */
  readonly required?: boolean;
  /** The only keys allowed (as the schema's `additionalProperties: false`); absent: any key. */
  readonly known?: readonly string[];
}

/** The field path of the document root in issues. */
export const ROOT_FIELD = '(root)';

/**
 * Collects {@link FieldIssue}s while reading one document. Value-based methods take the value and its field
 * path; the `…At` helpers take a parent mapping, a key and the parent's path. Each returns `undefined` for a
 * value that is absent or invalid (recording an issue when it is invalid or required).
 */
export class FieldReader {
  readonly issues: FieldIssue[] = [];

  /** Records an issue; an empty `field` names the document root. Returns `undefined` for `return reader.add(…)`. */
  add(field: string, message: string): undefined {
    this.issues.push({ field: field || ROOT_FIELD, message });
    return undefined;
  }

  /** `value` as a mapping; with `known`, other keys are reported (with a "did you mean" hint). */
  mapping(value: unknown, field: string, rules: MappingRules = {}): Mapping | undefined {
    if (value === undefined || (value === null && !rules.required))
      return rules.required ? this.add(field, 'required') : undefined;
    if (!isMapping(value)) return this.add(field, `must be a mapping (key: value), not ${describe(value)}`);
    if (rules.known) this.onlyKeys(value, field, rules.known);
    return value;
  }

  /** Reports keys outside `known`, as the schema's `additionalProperties: false` does. */
  onlyKeys(map: Mapping, field: string, known: readonly string[]): void {
    for (const key of Object.keys(map)) {
      if (known.includes(key)) continue;
      const near = nearest(known, key);
      this.add(
        childField(field, key),
        `unknown field${near ? `; did you mean ${near}?` : ''} (known fields: ${known.join(', ')})`,
      );
    }
  }

  /** A string following `rules`. */
  string(value: unknown, field: string, rules: StringRules = {}): string | undefined {
    if (value === undefined || value === null)
      return rules.required ? this.add(field, 'required') : undefined;
    if (typeof value !== 'string')
      return this.add(field, `must be a string, not ${describe(value)}${quoteHint(value)}`);
    if ((rules.notBlank && value.trim() === '') || (value === '' && (rules.minLength ?? 0) > 0))
      return this.add(
        field,
        rules.required ? 'must not be empty' : 'must not be empty; remove the field or set a value',
      );
    if (rules.oneOf !== undefined && !rules.oneOf.includes(value))
      return this.add(field, `must be one of ${rules.oneOf.join(', ')}; got ${JSON.stringify(value)}`);
    const lengthProblem = checkLength(value, rules);
    if (lengthProblem) return this.add(field, `${lengthProblem}, not ${value.length}`);
    if (rules.pattern !== undefined && !rules.pattern.test(value))
      return this.add(field, `must be ${expected(rules)}; got ${JSON.stringify(value)}`);
    return value;
  }

  /** An integer from `min` to `max`. */
  integer(value: unknown, field: string, min: number, max: number, required = false): number | undefined {
    if (value === undefined || value === null) return required ? this.add(field, 'required') : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value))
      return this.add(field, `must be an integer, not ${describe(value)}`);
    if (value < min || value > max) return this.add(field, `must be between ${min} and ${max}; got ${value}`);
    return value;
  }

  boolean(value: unknown, field: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') return this.add(field, `must be true or false, not ${describe(value)}`);
    return value;
  }

  /** The items of a list as `[item, itemField]` pairs; null and absent are empty. */
  list(value: unknown, field: string): [unknown, string][] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.add(field, `must be a list (items starting with "- "), not ${describe(value)}`);
      return [];
    }
    return value.map((item, i) => [item, indexField(field, i)]);
  }

  /** A list of strings (each required). */
  strings(value: unknown, field: string, required = false): string[] | undefined {
    if (value === undefined || value === null) return required ? this.add(field, 'required') : undefined;
    if (!Array.isArray(value)) return this.add(field, `must be a list of strings, not ${describe(value)}`);
    const out = this.list(value, field).map(([item, at]) => this.string(item, at, { required: true }));
    return out.every((item) => item !== undefined) ? (out as string[]) : undefined;
  }

  /** A mapping of string to string (labels, annotations, variables) whose keys follow `keyRules`. */
  stringMap(value: unknown, field: string, keyRules: StringRules = {}): Record<string, string> | undefined {
    const map = this.mapping(value, field);
    if (map === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(map)) {
      const at = childField(field, key);
      this.key(key, at, keyRules);
      const text = this.string(item, at, { required: true });
      if (text !== undefined) out[key] = text;
    }
    return out;
  }

  /** Checks a map key against the schema's `propertyNames` rules; the issue names the key's field. */
  key(key: string, field: string, rules: StringRules): boolean {
    const problem =
      checkLength(key, rules) ??
      (rules.pattern !== undefined && !rules.pattern.test(key) ? `must be ${expected(rules)}` : undefined);
    if (problem === undefined) return true;
    this.add(field, `name ${problem}`);
    return false;
  }

  /** Reports the second and later items whose `key(item)` repeats an earlier one. */
  unique<T>(
    items: readonly (readonly [T, string])[],
    key: (item: T) => string | undefined,
    what: string,
  ): void {
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

  // Key-based helpers: the value at `parent[key]`, named `parentField.key`.

  /** {@link mapping} at `parent[key]`. */
  mappingAt(
    parent: Mapping,
    key: string,
    parentField: string,
    rules: MappingRules = {},
  ): Mapping | undefined {
    return this.mapping(parent[key], childField(parentField, key), rules);
  }

  /** {@link string} at `parent[key]`. */
  stringAt(parent: Mapping, key: string, parentField: string, rules: StringRules = {}): string | undefined {
    return this.string(parent[key], childField(parentField, key), rules);
  }

  /** One of `allowed` at `parent[key]`, typed as such. */
  oneOfAt<T extends string>(
    parent: Mapping,
    key: string,
    parentField: string,
    allowed: readonly T[],
    required = false,
  ): T | undefined {
    return this.stringAt(parent, key, parentField, { required, oneOf: allowed }) as T | undefined;
  }

  /** {@link list} at `parent[key]`. */
  listAt(parent: Mapping, key: string, parentField: string): [unknown, string][] {
    return this.list(parent[key], childField(parentField, key));
  }

  /** {@link stringMap} at `parent[key]`. */
  stringMapAt(parent: Mapping, key: string, parentField: string): Record<string, string> | undefined {
    return this.stringMap(parent[key], childField(parentField, key));
  }
}

/** Whether `value` is a decoded YAML mapping (not null, not a list). */
export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkLength(value: string, rules: StringRules): string | undefined {
  if (rules.minLength !== undefined && value.length < rules.minLength)
    return `must be at least ${rules.minLength} characters`;
  if (rules.maxLength !== undefined && value.length > rules.maxLength)
    return `must be at most ${rules.maxLength} characters`;
  return undefined;
}

function expected(rules: StringRules): string {
  return rules.expected ?? `a string matching ${rules.pattern?.source ?? ''}`;
}

// YAML reads an unquoted 8080, true or 1.0 as a number or boolean; quoting keeps it a string.
function quoteHint(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? ' (quote it in YAML)' : '';
}

/** What a wrong value is, for "must be X, not …": `a list`, `a mapping`, `null`, `the number 8080`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}

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

/** Whether `typed` is probably a misspelling of `known`: a close edit, or a prefix of at least 3 characters. */
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
