/**
 * Encodes a non-string placeholder value as text the way score-go does (`encoding/json.Marshal`),
 * so the same workload renders the same bytes: object keys sorted, no whitespace, and `<`, `>`, `&`,
 * U+2028 and U+2029 escaped as `\u003c`-style sequences (Go's HTML-safe default).
 */
export function encodeJsonText(value: unknown): string {
  return escapeLikeGo(JSON.stringify(sortKeys(value)) ?? 'null');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

const goEscapes: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function escapeLikeGo(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => goEscapes[ch]);
}
