// What a field manager last applied, read back from an object's managedFields: extraction and digests.
import { createHash } from 'node:crypto';
import type { KubernetesObject, V1ManagedFieldsEntry } from '@kubernetes/client-node';

/** A FieldsV1 set: `f:<name>`, `k:<json key>`, `v:<json value>`, `i:<index>` children, `.` for the node. */
type FieldSet = { readonly [path: string]: FieldSet };

/**
 * Stands for a zero value (false, 0, "", null, {} or []) and for a field the manager owns that the stored
 * object leaves out: the API server drops zero values of `omitempty` fields, so "applied `readOnly: false`"
 * reads back as an owned `readOnly` that is absent.
 */
const ZERO = '\u0000zero';
/** Stands for an owned list item the stored object no longer has: never equal to anything desired. */
const MISSING = '\u0000missing';

/** Digests of what each manager applied, by `manager\0apiVersion`, for objects whose managedFields were dropped. */
const digestsByObject = new WeakMap<object, ReadonlyMap<string, string>>();

/**
 * Records, before the cache drops `obj.metadata.managedFields`, one digest per field manager that applied
 * the object (operation `Apply` on the main resource): what {@link appliedDigestOf} later answers for
 * the frozen copy. Costs one extraction and one SHA-256 per such manager and event; keeps ~100 bytes.
 */
export function rememberAppliedDigests(obj: KubernetesObject): void {
  const digests = new Map<string, string>();
  for (const entry of obj.metadata?.managedFields ?? []) {
    if (!isMainResourceApply(entry)) continue;
    digests.set(digestKey(entry.manager!, entry.apiVersion!), digestOf(extractOwned(obj, entry.fieldsV1)));
  }
  if (digests.size > 0) digestsByObject.set(obj, digests);
}

/** Keeps the digests remembered for `from` (see {@link rememberAppliedDigests}) for its reshaped copy `to`. */
export function carryAppliedDigests(from: KubernetesObject, to: KubernetesObject): void {
  const digests = digestsByObject.get(from);
  if (digests) digestsByObject.set(to, digests);
}

/**
 * The digest of the fields `manager` applied to `obj` (in `apiVersion`), as the object stands: computed
 * from `metadata.managedFields` when present, else the one remembered when the cache stored it.
 * Undefined when the manager never applied the object in that version (or nothing is known).
 */
export function appliedDigestOf(
  obj: KubernetesObject,
  manager: string,
  apiVersion: string,
): string | undefined {
  const entries = obj.metadata?.managedFields;
  if (entries) {
    const entry = entries.find(
      (e) => isMainResourceApply(e) && e.manager === manager && e.apiVersion === apiVersion,
    );
    return entry ? digestOf(extractOwned(obj, entry.fieldsV1)) : undefined;
  }
  return digestsByObject.get(obj)?.get(digestKey(manager, apiVersion));
}

/**
 * The digest a server-side apply of `desired` would leave behind for its manager: the object without
 * its identity (apiVersion, kind, name, namespace and server-set metadata), zero values folded.
 */
export function desiredDigestOf(desired: KubernetesObject): string {
  const { apiVersion: _v, kind: _k, metadata, ...rest } = desired;
  const {
    name: _n,
    namespace: _ns,
    uid: _u,
    resourceVersion: _rv,
    generation: _g,
    creationTimestamp: _c,
    managedFields: _m,
    ...ownMetadata
  } = metadata ?? {};
  const body: Record<string, unknown> = { ...rest };
  if (Object.values(ownMetadata).some((v) => v !== undefined)) body.metadata = ownMetadata;
  return digestOf(body);
}

/**
 * The part of `obj` the field set names, as client-go's `managedfields.ExtractInto` builds it: map fields
 * by name, list items by key (`k:`), value (`v:`) or index (`i:`), a leaf set as the whole value.
 */
export function extractOwned(value: unknown, set: unknown): unknown {
  const fields = (set ?? {}) as FieldSet;
  const children = Object.keys(fields).filter((path) => path !== '.');
  if (children.length === 0) return value === undefined ? ZERO : value;
  if (Array.isArray(value)) return extractItems(value, fields, children);
  if (children.some((path) => !path.startsWith('f:'))) return value === undefined ? MISSING : value;
  const source = isPlainObject(value) ? value : {};
  const out: Record<string, unknown> = {};
  for (const path of children) {
    const name = path.slice(2);
    out[name] = extractOwned(source[name], fields[path]);
  }
  return out;
}

function extractItems(items: readonly unknown[], fields: FieldSet, children: string[]): unknown[] {
  const matchers = children.map((path) => ({ path, matches: itemMatcher(path) }));
  const out: unknown[] = [];
  const matched = new Set<string>();
  for (const [index, item] of items.entries()) {
    const found = matchers.find((matcher) => matcher.matches(item, index));
    if (found === undefined) continue;
    matched.add(found.path);
    out.push(extractOwned(item, fields[found.path]));
  }
  // An owned item that is gone: whatever is desired, it differs.
  for (const path of children) if (!matched.has(path)) out.push(MISSING);
  return out;
}

/** Which list item a `k:`, `v:` or `i:` path names (parsed once per list, not once per item). */
function itemMatcher(path: string): (item: unknown, index: number) => boolean {
  const body = path.slice(2);
  if (path.startsWith('i:')) return (_item, index) => Number(body) === index;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return () => false;
  }
  if (path.startsWith('v:')) {
    const wanted = canonical(parsed);
    return (item) => canonical(item) === wanted;
  }
  if (!path.startsWith('k:') || !isPlainObject(parsed)) return () => false;
  const keys = Object.entries(parsed).map(([key, value]) => [key, canonical(value)] as const);
  return (item) => isPlainObject(item) && keys.every(([key, value]) => canonical(item[key]) === value);
}

function isMainResourceApply(entry: V1ManagedFieldsEntry): boolean {
  return (
    entry.operation === 'Apply' &&
    !entry.subresource &&
    entry.manager !== undefined &&
    entry.apiVersion !== undefined &&
    (entry.fieldsType === undefined || entry.fieldsType === 'FieldsV1')
  );
}

function digestKey(manager: string, apiVersion: string): string {
  return `${manager}\u0000${apiVersion}`;
}

function digestOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('base64');
}

/** JSON with sorted keys, undefined members left out and zero values folded into {@link ZERO}. */
function canonical(value: unknown): string {
  if (isZero(value)) return JSON.stringify(ZERO);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainObject(value)) {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

function isZero(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.values(value).every((member) => member === undefined);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
