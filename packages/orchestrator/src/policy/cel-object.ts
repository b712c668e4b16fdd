/**
 * Converts decoded JSON (or a class instance holding it) into what cel-js expects: whole numbers become
 * CEL `int` (BigInt), arrays are copied with `Array.from` (arrays from another realm stay foreign to cel-js),
 * `undefined` properties are dropped so `has()` sees them as absent.
 */
export function toCelObject(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return Array.from(value as unknown[], toCelObject);
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child !== undefined && typeof child !== 'function') out[key] = toCelObject(child);
  }
  return out;
}
