import type { KubernetesObject } from '@kubernetes/client-node';
import { formatObjectKey, objectKeyOf, type ObjectKey } from '../api/resource-kind.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import type { CacheTransform } from './cache-transform.js';
import { toCacheObject } from './internal/cache-object.js';
import { diffSnapshot, type SnapshotDiff } from './internal/snapshot-diff.js';
import { compileLabelSelector, type LabelSelector } from './label-selector.js';

/** Index of objects by namespace (cluster-scoped objects under ''). Built into every store. */
export const NAMESPACE_INDEX = 'namespace';
/** Index of objects by the uid of each of their owners (controller or not). Built into every store. */
export const OWNER_UID_INDEX = 'ownerUid';

/** Computes the values an object is indexed under; must be a pure function of the object. */
export type IndexFunction<T extends KubernetesObject = KubernetesObject> = (obj: T) => string[];

/** Filters of {@link ObjectStore.list}; all given filters must hold. */
export interface StoreQuery {
  namespace?: string;
  labelSelector?: LabelSelector;
  index?: { name: string; value: string };
}

/** The read side of a store: what the cache hands to controllers. */
export interface ReadableStore<T extends KubernetesObject> {
  get(key: ObjectKey | string): T | undefined;
  list(query?: StoreQuery): T[];
  readonly size: number;
}

/**
 * Objects by key plus secondary indexes. Stored objects are deep-frozen, have no `managedFields` and are
 * shaped by the store's `transform` (see {@link CacheTransform}): treat them as read-only and `structuredClone` one before changing it. Index functions run on insert and on
 * removal, so they must be deterministic.
 */
export class ObjectStore<T extends KubernetesObject = KubernetesObject> implements ReadableStore<T> {
  private readonly objects = new Map<string, T>();
  private readonly indexes = new Map<string, StoreIndex<T>>();

  /** @param transform reshapes each object before it is stored (see {@link CacheTransform}). */
  constructor(private readonly transform?: CacheTransform) {
    this.addIndex(NAMESPACE_INDEX, (obj) => [obj.metadata?.namespace ?? '']);
    this.addIndex(OWNER_UID_INDEX, (obj) => (obj.metadata?.ownerReferences ?? []).map((r) => r.uid));
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: ObjectKey | string): T | undefined {
    return this.objects.get(typeof key === 'string' ? key : formatObjectKey(key));
  }

  /** Every object matching the query, using the narrowest index available before filtering. */
  list(query: StoreQuery = {}): T[] {
    let candidates: Iterable<T> = this.objects.values();
    if (query.index) candidates = this.byIndex(query.index.name, query.index.value);
    else if (query.namespace !== undefined) candidates = this.byIndex(NAMESPACE_INDEX, query.namespace);
    const matches = compileLabelSelector(query.labelSelector);
    const result: T[] = [];
    for (const obj of candidates) {
      if (query.namespace !== undefined && (obj.metadata?.namespace ?? '') !== query.namespace) continue;
      if (matches(obj.metadata?.labels)) result.push(obj);
    }
    return result;
  }

  /** Objects indexed under `value` by index `name`. @throws OperatorSdkError `Configuration` for an unknown index. */
  byIndex(name: string, value: string): T[] {
    const index = this.indexes.get(name);
    if (!index) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to read index ${name}: no such index; add it with addIndex first`,
      );
    }
    const keys = index.entries.get(value);
    if (keys === undefined) return [];
    if (typeof keys === 'string') return [this.objects.get(keys) as T];
    return [...keys].map((key) => this.objects.get(key) as T);
  }

  /** Adds an index and fills it from the current contents. @throws `Configuration` if the name is taken. */
  addIndex(name: string, fn: IndexFunction<T>): void {
    if (this.indexes.has(name)) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to add index ${name}: an index with that name exists`,
      );
    }
    const index: StoreIndex<T> = { fn, entries: new Map() };
    this.indexes.set(name, index);
    for (const [key, obj] of this.objects) this.indexOne(index, key, obj, true);
  }

  /** Whether an index with this name exists. */
  hasIndex(name: string): boolean {
    return this.indexes.has(name);
  }

  /** Stores `obj` (stripped, transformed and frozen) and returns the previous version. */
  upsert(obj: T): { old: T | undefined; stored: T } {
    const stored = toCacheObject(obj, this.transform);
    const key = formatObjectKey(objectKeyOf(stored));
    const old = this.objects.get(key);
    if (old) this.unindex(key, old);
    this.objects.set(key, stored);
    for (const index of this.indexes.values()) this.indexOne(index, key, stored, true);
    return { old, stored };
  }

  /** Removes the object with this key and returns it, if it was there. */
  remove(key: ObjectKey | string): T | undefined {
    const text = typeof key === 'string' ? key : formatObjectKey(key);
    const old = this.objects.get(text);
    if (!old) return undefined;
    this.unindex(text, old);
    this.objects.delete(text);
    return old;
  }

  /** Drops every object and index entry; the index definitions stay, so the store can fill again. */
  clear(): void {
    this.objects.clear();
    for (const index of this.indexes.values()) index.entries.clear();
  }

  /** Replaces the whole contents with a fresh list and returns what changed (see {@link diffSnapshot}). */
  replace(items: T[]): SnapshotDiff<T> {
    const listed = new Map<string, T>();
    for (const item of items) listed.set(formatObjectKey(objectKeyOf(item)), item);
    const diff = diffSnapshot(this.objects, listed);
    for (const old of diff.deleted) this.remove(objectKeyOf(old));
    const added = diff.added.map((obj) => this.upsert(obj).stored);
    const updated = diff.updated.map((pair) => ({ old: pair.old, new: this.upsert(pair.new).stored }));
    return { added, updated, deleted: diff.deleted };
  }

  private unindex(key: string, obj: T): void {
    for (const index of this.indexes.values()) this.indexOne(index, key, obj, false);
  }

  private indexOne(index: StoreIndex<T>, key: string, obj: T, add: boolean) {
    for (const value of new Set(index.fn(obj))) {
      const keys = index.entries.get(value);
      if (add) {
        if (keys === undefined) index.entries.set(value, key);
        else if (typeof keys !== 'string') keys.add(key);
        else if (keys !== key) index.entries.set(value, new Set([keys, key]));
      } else if (typeof keys === 'string') {
        if (keys === key) index.entries.delete(value);
      } else if (keys) {
        keys.delete(key);
        const [only] = keys;
        if (keys.size > 1) continue;
        if (only === undefined) index.entries.delete(value);
        else index.entries.set(value, only);
      }
    }
  }
}

/**
 * An index's keys by value: one key as itself, more in a Set. Most values index one object (an owner's
 * single Deployment, Secret or claim), and a Set of one costs 150 bytes: 1,800 of them at 200 Workloads.
 */
interface StoreIndex<T extends KubernetesObject> {
  readonly fn: IndexFunction<T>;
  readonly entries: Map<string, string | Set<string>>;
}
