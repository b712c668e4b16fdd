import { createHash } from 'node:crypto';

/** A stable hex digest of `value` (object keys sorted), `length` characters long. */
export function contentHash(value: unknown, length = 64): string {
  return createHash('sha256').update(stableJson(value)).digest('hex').slice(0, length);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
