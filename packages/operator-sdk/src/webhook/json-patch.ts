// RFC 6902 JSON Patch between two JSON documents: what a mutating webhook sends back to the API server.

/** One RFC 6902 operation; only the three a diff needs. */
export type JsonPatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

/**
 * Escapes one reference token of an RFC 6901 JSON Pointer: `~` becomes `~0` and `/` becomes `~1` (in that
 * order), so the annotation key `example.dev/owner` is addressed as `/metadata/annotations/example.dev~1owner`.
 */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * The operations that turn `from` into `to`, as the API server applies them in order. Both are read as JSON
 * (properties holding `undefined` count as absent). Objects are compared key by key and arrays index by
 * index: a changed element is replaced, extra elements are removed from the end, new ones are added at
 * their index. Equal documents give an empty patch.
 *
 * The patch is minimal per value, not per array edit: an element inserted at the front of an array replaces
 * the elements after it. It is always correct, and small for what defaulters do (set absent fields).
 */
export function createJsonPatch(from: unknown, to: unknown): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  diff(toJson(from), toJson(to), '', ops);
  return ops;
}

function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function diff(from: unknown, to: unknown, path: string, ops: JsonPatchOperation[]): void {
  if (isObject(from) && isObject(to)) {
    for (const key of Object.keys(from)) {
      if (!Object.hasOwn(to, key)) ops.push({ op: 'remove', path: `${path}/${escapePointerToken(key)}` });
    }
    for (const [key, value] of Object.entries(to)) {
      const child = `${path}/${escapePointerToken(key)}`;
      if (Object.hasOwn(from, key)) diff(from[key], value, child, ops);
      else ops.push({ op: 'add', path: child, value });
    }
    return;
  }
  if (Array.isArray(from) && Array.isArray(to)) {
    const common = Math.min(from.length, to.length);
    for (let i = 0; i < common; i++) diff(from[i], to[i], `${path}/${i}`, ops);
    for (let i = from.length - 1; i >= to.length; i--) ops.push({ op: 'remove', path: `${path}/${i}` });
    for (let i = from.length; i < to.length; i++) ops.push({ op: 'add', path: `${path}/${i}`, value: to[i] });
    return;
  }
  // Here at most one side is a container, so only identical primitives are equal.
  if (from !== to) ops.push({ op: 'replace', path, value: to });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
