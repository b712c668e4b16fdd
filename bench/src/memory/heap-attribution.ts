// What a heap holds, by who holds it: self and retained size by constructor, retained size by holder
// (`Class.property`: what an object's property keeps alive that nothing else does), strings and how many of
// their bytes are repeats of one value. Given two snapshots (idle, then at scale), the growth between them.
import { HeapGraph } from './heap-graph.js';

/** Sizes by key, for one snapshot. */
export interface HeapAttribution {
  readonly total: { readonly nodes: number; readonly bytes: number };
  /** Self size by node type (`object`, `string`, `code`, ...). */
  readonly byType: Map<string, number>;
  /** By constructor (or `(type)`): instances, self size, and the retained size of all of them together. */
  readonly byClass: Map<string, { count: number; self: number; retained: number }>;
  /** Retained size by `Class.property`, over the values only that property keeps alive. */
  readonly byHolder: Map<string, { count: number; retained: number }>;
  /** Self size, string bytes and string repeat bytes by owner (see `byOwner`): a partition of the heap. */
  readonly byOwner: Map<string, { self: number; strings: number; repeatBytes: number }>;
  readonly strings: StringAttribution;
}

/** Flat strings by value, and by the name of the property that refers to them. */
export interface StringAttribution {
  readonly count: number;
  readonly bytes: number;
  readonly distinct: number;
  /** Bytes of every copy of a value beyond the first. */
  readonly repeatBytes: number;
  /** The values with the most repeat bytes: value, copies, bytes of all copies. */
  readonly topRepeats: { value: string; count: number; bytes: number }[];
  /** Bytes of strings by the property (or `[element]`) they were first found under. */
  readonly byProperty: Map<string, { count: number; bytes: number; repeatBytes: number }>;
}

// Objects of these classes are labelled with the first such property found (a string), when the class has
// few instances: which informer, queue or controller a holder is.
const LABEL_PROPERTIES = ['plural', 'resource', 'kind', 'controllerName', 'name'];
const NESTED_LABEL_PROPERTIES = ['fields', 'options'];
const MAX_LABELLED_INSTANCES = 40;
const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

function classKey(graph: HeapGraph, node: number): string {
  const type = graph.typeOf(node);
  if (type === 'object') return graph.nameOf(node) || '(anonymous object)';
  if (STRING_TYPES.has(type) || type === 'number' || type === 'closure' || type === 'regexp')
    return `(${type})`;
  const name = graph.nameOf(node);
  return `(${type}) ${name.length > 50 ? `${name.slice(0, 50)}...` : name}`;
}

/** Attributes one snapshot's reachable heap. */
export function attribute(graph: HeapGraph, topRepeats = 25): HeapAttribution {
  const n = graph.nodeCount;
  const classIds = new Map<string, number>();
  const classOf = new Uint32Array(n);
  const classNames: string[] = [];
  const instances: number[] = [];
  const byType = new Map<string, number>();
  let bytes = 0;
  let nodes = 0;
  for (let node = 0; node < n; node++) {
    if (!graph.reachable[node]) continue;
    nodes++;
    bytes += graph.selfSize[node]!;
    const type = graph.typeOf(node);
    byType.set(type, (byType.get(type) ?? 0) + graph.selfSize[node]!);
    const key = classKey(graph, node);
    let id = classIds.get(key);
    if (id === undefined) {
      id = classNames.length;
      classIds.set(key, id);
      classNames.push(key);
      instances.push(0);
    }
    classOf[node] = id;
    instances[id]!++;
  }
  return {
    total: { nodes, bytes },
    byType,
    byClass: retainedByClass(graph, classOf, classNames),
    byHolder: retainedByHolder(graph, classOf, classNames, instances),
    byOwner: byOwner(graph, classOf, classNames, instances),
    strings: stringAttribution(graph, topRepeats),
  };
}

// Retained size of all instances of a class together: each dominator subtree counted once, at the
// outermost instance on its dominator path (a depth-first walk of the dominator tree).
function retainedByClass(
  graph: HeapGraph,
  classOf: Uint32Array,
  classNames: readonly string[],
): HeapAttribution['byClass'] {
  const n = graph.nodeCount;
  const { childCount, children } = dominatorChildren(graph);
  const active = new Uint32Array(classNames.length);
  const count = new Float64Array(classNames.length);
  const self = new Float64Array(classNames.length);
  const retained = new Float64Array(classNames.length);
  const stack: number[] = [0];
  const next = new Uint32Array(n);
  next[0] = childCount[0]!;
  enter(0);
  function enter(node: number) {
    const c = classOf[node]!;
    count[c]!++;
    self[c]! += graph.selfSize[node]!;
    if (active[c]!++ === 0) retained[c]! += graph.retained[node]!;
  }
  while (stack.length > 0) {
    const node = stack.at(-1)!;
    if (next[node]! < childCount[node + 1]!) {
      const child = children[next[node]!++]!;
      next[child] = childCount[child]!;
      enter(child);
      stack.push(child);
    } else {
      active[classOf[node]!]!--;
      stack.pop();
    }
  }
  const out: HeapAttribution['byClass'] = new Map();
  classNames.forEach((name, c) =>
    out.set(name, { count: count[c]!, self: self[c]!, retained: retained[c]! }),
  );
  return out;
}

/** The dominator tree as lists of children: node `i`'s are `children[childCount[i] .. childCount[i + 1])`. */
function dominatorChildren(graph: HeapGraph): { childCount: Uint32Array; children: Uint32Array } {
  const n = graph.nodeCount;
  const childCount = new Uint32Array(n + 1);
  for (let node = 1; node < n; node++) if (graph.reachable[node]) childCount[graph.idom[node]! + 1]!++;
  for (let i = 0; i < n; i++) childCount[i + 1]! += childCount[i]!;
  const children = new Uint32Array(childCount[n]!);
  const fill = childCount.slice(0, n);
  for (let node = 1; node < n; node++) if (graph.reachable[node]) children[fill[graph.idom[node]!]!++] = node;
  return { childCount, children };
}

// Constructors that only structure data: what they hold belongs to the nearest other class above them.
const CONTAINERS = new Set(['LruMap']);
const STRUCTURAL = new Set(['Object', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Date', '']);

/**
 * A partition of the heap: each node's self size goes to its owner, the nearest object up its dominator
 * path whose constructor is not structural (`Object`, `Map`, ...), labelled like holders; nodes with no
 * such owner (module scope, code, V8's own) go to `(no owner)`. Strings' bytes and repeat bytes too.
 */
function byOwner(
  graph: HeapGraph,
  classOf: Uint32Array,
  classNames: readonly string[],
  instances: readonly number[],
): HeapAttribution['byOwner'] {
  const n = graph.nodeCount;
  const { childCount, children } = dominatorChildren(graph);
  const owner = new Array<string>(n);
  owner[0] = '(no owner)';
  const out: HeapAttribution['byOwner'] = new Map();
  const seen = new Set<string>();
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const key = owner[node]!;
    const entry = out.get(key) ?? { self: 0, strings: 0, repeatBytes: 0 };
    entry.self += graph.selfSize[node]!;
    if (graph.typeOf(node) === 'string') {
      entry.strings += graph.selfSize[node]!;
      const value = graph.nameOf(node);
      if (seen.has(value)) entry.repeatBytes += graph.selfSize[node]!;
      else seen.add(value);
    }
    out.set(key, entry);
    for (let c = childCount[node]!; c < childCount[node + 1]!; c++) {
      const child = children[c]!;
      const name = classNames[classOf[child]!]!;
      const owns = graph.typeOf(child) === 'object' && !STRUCTURAL.has(name) && !name.startsWith('system /');
      if (!owns) owner[child] = key;
      else {
        // An informer's store is labelled by its informer (the store's dominator).
        const few = instances[classOf[child]!]! <= MAX_LABELLED_INSTANCES;
        const label = few ? (labelOf(graph, child) ?? labelOf(graph, node)) : undefined;
        const own = label === undefined ? name : `${name}[${label}]`;
        // A generic container (an LRU map) says little alone: name it after the owner holding it.
        owner[child] = CONTAINERS.has(name) ? `${key} › ${own}` : own;
      }
      stack.push(child);
    }
  }
  return out;
}

// `Class.property` (or `Class[label].property` for classes with few instances): the retained size of each
// value the property refers to and dominates, summed over the class's instances.
function retainedByHolder(
  graph: HeapGraph,
  classOf: Uint32Array,
  classNames: readonly string[],
  instances: readonly number[],
): HeapAttribution['byHolder'] {
  const out: HeapAttribution['byHolder'] = new Map();
  for (let node = 0; node < graph.nodeCount; node++) {
    if (!graph.reachable[node]) continue;
    const type = graph.typeOf(node);
    if (type !== 'object' && type !== 'closure') continue;
    const className = classNames[classOf[node]!]!;
    const label = instances[classOf[node]!]! <= MAX_LABELLED_INSTANCES ? labelOf(graph, node) : undefined;
    const holder = label === undefined ? className : `${className}[${label}]`;
    for (let e = graph.firstEdge[node]!; e < graph.firstEdge[node + 1]!; e++) {
      const edgeType = graph.edgeTypeOf(e);
      if (edgeType !== 'property' && edgeType !== 'internal' && edgeType !== 'context') continue;
      const to = graph.edgeTo[e]!;
      if (graph.idom[to] !== node || to === node) continue;
      const key = `${holder}.${graph.edgeNameOf(e)}`;
      const entry = out.get(key) ?? { count: 0, retained: 0 };
      entry.count++;
      entry.retained += graph.retained[to]!;
      out.set(key, entry);
    }
  }
  return out;
}

// A string under one of LABEL_PROPERTIES, on the object or one level down (an informer's `fields.kind`).
function labelOf(graph: HeapGraph, node: number, depth = 1): string | undefined {
  const property = (name: string) => {
    for (let e = graph.firstEdge[node]!; e < graph.firstEdge[node + 1]!; e++) {
      if (graph.edgeTypeOf(e) === 'property' && graph.edgeNameOf(e) === name) return graph.edgeTo[e]!;
    }
    return undefined;
  };
  for (const name of LABEL_PROPERTIES) {
    const to = property(name);
    if (to !== undefined && STRING_TYPES.has(graph.typeOf(to))) return graph.stringValue(to).slice(0, 40);
  }
  if (depth === 0) return undefined;
  for (const name of NESTED_LABEL_PROPERTIES) {
    const to = property(name);
    const label =
      to !== undefined && graph.typeOf(to) === 'object' ? labelOf(graph, to, depth - 1) : undefined;
    if (label !== undefined) return label;
  }
  return undefined;
}

function stringAttribution(graph: HeapGraph, top: number): StringAttribution {
  const values = new Map<string, { count: number; bytes: number }>();
  const propertyOf = new Map<number, string>();
  for (let node = 0; node < graph.nodeCount; node++) {
    if (!graph.reachable[node] || graph.typeOf(node) === 'string') continue;
    for (let e = graph.firstEdge[node]!; e < graph.firstEdge[node + 1]!; e++) {
      const to = graph.edgeTo[e]!;
      if (graph.typeOf(to) !== 'string' || propertyOf.has(to)) continue;
      const edgeType = graph.edgeTypeOf(e);
      if (edgeType === 'property' || edgeType === 'context') propertyOf.set(to, graph.edgeNameOf(e));
      else if (edgeType === 'element') propertyOf.set(to, '[element]');
    }
  }
  let count = 0;
  let bytes = 0;
  for (let node = 0; node < graph.nodeCount; node++) {
    if (!graph.reachable[node] || graph.typeOf(node) !== 'string') continue;
    count++;
    bytes += graph.selfSize[node]!;
    const value = graph.nameOf(node);
    const entry = values.get(value) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += graph.selfSize[node]!;
    values.set(value, entry);
  }
  const byProperty: StringAttribution['byProperty'] = new Map();
  const seen = new Set<string>();
  for (let node = 0; node < graph.nodeCount; node++) {
    if (!graph.reachable[node] || graph.typeOf(node) !== 'string') continue;
    const key = propertyOf.get(node) ?? '(other)';
    const entry = byProperty.get(key) ?? { count: 0, bytes: 0, repeatBytes: 0 };
    entry.count++;
    entry.bytes += graph.selfSize[node]!;
    const value = graph.nameOf(node);
    if (seen.has(value)) entry.repeatBytes += graph.selfSize[node]!;
    else seen.add(value);
    byProperty.set(key, entry);
  }
  let repeatBytes = 0;
  for (const entry of values.values()) repeatBytes += entry.bytes - entry.bytes / entry.count;
  const topRepeats = [...values]
    .filter(([, e]) => e.count > 1)
    .sort(([, a], [, b]) => b.bytes - b.bytes / b.count - (a.bytes - a.bytes / a.count))
    .slice(0, top)
    .map(([value, e]) => ({ value, ...e }));
  return { count, bytes, distinct: values.size, repeatBytes, topRepeats, byProperty };
}
