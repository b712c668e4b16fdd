import type { FieldIssue } from '../errors/api.error.js';
import { childField } from '../errors/field-path.js';

/** Rules for one string field, after the Score JSON schema's keywords. */
export interface StringRules {
  readonly required?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** Said after a pattern mismatch, e.g. `an RFC 1123 label such as "web"`. */
  readonly expected?: string;
  readonly oneOf?: readonly string[];
}

/**
 * Reads untrusted decoded YAML field by field, recording an issue per broken rule (named by field
 * path) and returning `undefined` for a field that is absent or invalid, so one pass reports every
 * problem. Internal to score-file.
 */
export class SpecReader {
  readonly issues: FieldIssue[] = [];

  fail(field: string, message: string): undefined {
    this.issues.push({ field, message });
    return undefined;
  }

  /** A map; `undefined` (and an issue when `required`) if absent or not a map. */
  object(value: unknown, field: string, required = false): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return required ? this.fail(field, 'required') : undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return this.fail(field, 'must be a map');
    return value as Record<string, unknown>;
  }

  /** Reports keys outside `allowed`, as the schema's `additionalProperties: false` does. */
  onlyKeys(map: Record<string, unknown>, field: string, allowed: readonly string[]): void {
    for (const key of Object.keys(map)) {
      if (!allowed.includes(key))
        this.fail(childField(field, key), `unknown field; expected one of ${allowed.join(', ')}`);
    }
  }

  string(value: unknown, field: string, rules: StringRules = {}): string | undefined {
    if (value === undefined || value === null)
      return rules.required === true ? this.fail(field, 'required') : undefined;
    if (typeof value !== 'string') {
      const hint =
        typeof value === 'number' || typeof value === 'boolean' ? ` (quote ${String(value)} in YAML)` : '';
      return this.fail(field, `must be a string${hint}`);
    }
    if (rules.oneOf !== undefined && !rules.oneOf.includes(value)) {
      return this.fail(field, `must be one of ${rules.oneOf.join(', ')}; got ${JSON.stringify(value)}`);
    }
    if (rules.minLength !== undefined && value.length < rules.minLength) {
      return this.fail(field, `must be at least ${rules.minLength} characters`);
    }
    if (rules.maxLength !== undefined && value.length > rules.maxLength) {
      return this.fail(field, `must be at most ${rules.maxLength} characters`);
    }
    if (rules.pattern !== undefined && !rules.pattern.test(value)) {
      return this.fail(
        field,
        `must be ${rules.expected ?? `a string matching ${rules.pattern.source}`}; got ${JSON.stringify(value)}`,
      );
    }
    return value;
  }

  integer(value: unknown, field: string, min: number, max: number, required = false): number | undefined {
    if (value === undefined || value === null) return required ? this.fail(field, 'required') : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.fail(field, 'must be an integer');
    if (value < min || value > max)
      return this.fail(field, `must be between ${min} and ${max}; got ${value}`);
    return value;
  }

  boolean(value: unknown, field: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') return this.fail(field, 'must be true or false');
    return value;
  }

  /** A list of strings. */
  strings(value: unknown, field: string, required = false): string[] | undefined {
    if (value === undefined || value === null) return required ? this.fail(field, 'required') : undefined;
    if (!Array.isArray(value)) return this.fail(field, 'must be a list of strings');
    const out = value.map((item, index) => this.string(item, `${field}[${index}]`, { required: true }));
    return out.every((item) => item !== undefined) ? (out as string[]) : undefined;
  }

  /** A map of strings whose keys follow `keyRules`. */
  stringMap(
    value: unknown,
    field: string,
    keyField: (key: string) => string,
    keyRules: StringRules = {},
  ): Record<string, string> | undefined {
    const map = this.object(value, field);
    if (map === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(map)) {
      this.key(key, keyField(key), keyRules);
      const text = this.string(item, keyField(key), { required: true });
      if (text !== undefined) out[key] = text;
    }
    return out;
  }

  /** Checks a map key against the schema's `propertyNames` rules; the issue names the key's field. */
  key(key: string, field: string, rules: StringRules): boolean {
    if (rules.minLength !== undefined && key.length < rules.minLength) {
      this.fail(field, `name must be at least ${rules.minLength} characters`);
      return false;
    }
    if (rules.maxLength !== undefined && key.length > rules.maxLength) {
      this.fail(field, `name must be at most ${rules.maxLength} characters`);
      return false;
    }
    if (rules.pattern !== undefined && !rules.pattern.test(key)) {
      this.fail(field, `name must be ${rules.expected ?? `a string matching ${rules.pattern.source}`}`);
      return false;
    }
    return true;
  }
}
