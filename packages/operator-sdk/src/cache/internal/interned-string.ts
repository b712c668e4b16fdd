// One copy of each short string the cache holds, shared through V8's string table.

/** Strings up to this length are interned; longer ones (scripts, certificates, JSON) stay as parsed. */
export const MAX_INTERNED_LENGTH = 128;

/**
 * `value`, as the one copy V8 keeps in its string table.
 *
 * Why: `JSON.parse` gives every object its own copy of each string value, so the cache held the same
 * namespace, apiVersion, kind, label values, owner uids, images, condition types, reasons and messages
 * and creation timestamps (one per second) once per object: at 200 Workloads with a resource, 1.4 of the
 * cache's 5.4 MiB were such copies, 42,000 strings of 7,600 values (docs/benchmarks.md, "What the heap
 * holds at scale").
 *
 * How: V8 keeps property names internalized, one copy per value, so a key read back from an object is
 * the shared copy. Its string table holds strings weakly: a value no object uses any more is collected,
 * so there is no table of ours to bound or clean. Self-contained on purpose (its test runs its source in
 * a worker of its own to count copies in a heap snapshot).
 */
export function internString(value: string): string {
  return Object.keys({ [value]: 0 })[0] ?? value;
}
