// A V8 heap snapshot (`.heapsnapshot`, as `v8.writeHeapSnapshot()` writes it) as a graph with its
// dominator tree and retained sizes, computed as Chrome DevTools does: weak edges do not retain, and
// shortcut edges only from the root (Cooper, Harvey and Kennedy's iterative dominators over a post-order).
import { readFileSync } from 'node:fs';

interface RawSnapshot {
  readonly snapshot: {
    readonly meta: {
      readonly node_fields: string[];
      readonly node_types: [string[], ...unknown[]];
      readonly edge_fields: string[];
      readonly edge_types: [string[], ...unknown[]];
    };
  };
  readonly nodes: number[];
  readonly edges: number[];
  readonly strings: string[];
}

/** One snapshot's nodes (by ordinal, 0 = the root) and edges, with dominators and retained sizes. */
export class HeapGraph {
  readonly nodeCount: number;
  /** Node type names by index (`object`, `string`, `closure`, `code`, `hidden`, ...). */
  readonly nodeTypes: readonly string[];
  readonly type: Uint8Array;
  readonly name: Uint32Array;
  readonly selfSize: Float64Array;
  /** Node ordinal's first edge; its edges end where the next node's begin. */
  readonly firstEdge: Uint32Array;
  readonly edgeTypes: readonly string[];
  readonly edgeType: Uint8Array;
  /** A string index, or an element index for `element` and `hidden` edges. */
  readonly edgeName: Uint32Array;
  /** The target's node ordinal. */
  readonly edgeTo: Uint32Array;
  readonly strings: readonly string[];
  /** Immediate dominator by node ordinal; unreachable nodes point at themselves and retain nothing. */
  readonly idom: Uint32Array;
  readonly retained: Float64Array;
  readonly reachable: Uint8Array;

  constructor(raw: RawSnapshot) {
    const { meta } = raw.snapshot;
    const nodeFields = meta.node_fields.length;
    const edgeFields = meta.edge_fields.length;
    const at = (fields: string[], name: string) => {
      const index = fields.indexOf(name);
      if (index < 0) throw new Error(`heap snapshot: no ${name} field in its meta`);
      return index;
    };
    const [nType, nName, nSize, nEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) =>
      at(meta.node_fields, f),
    ) as [number, number, number, number];
    const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => at(meta.edge_fields, f)) as [
      number,
      number,
      number,
    ];
    this.nodeTypes = meta.node_types[0];
    this.edgeTypes = meta.edge_types[0];
    this.strings = raw.strings;
    const n = raw.nodes.length / nodeFields;
    const m = raw.edges.length / edgeFields;
    this.nodeCount = n;
    this.type = new Uint8Array(n);
    this.name = new Uint32Array(n);
    this.selfSize = new Float64Array(n);
    this.firstEdge = new Uint32Array(n + 1);
    for (let i = 0, e = 0; i < n; i++) {
      const base = i * nodeFields;
      this.type[i] = raw.nodes[base + nType]!;
      this.name[i] = raw.nodes[base + nName]!;
      this.selfSize[i] = raw.nodes[base + nSize]!;
      this.firstEdge[i] = e;
      e += raw.nodes[base + nEdges]!;
      this.firstEdge[i + 1] = e;
    }
    this.edgeType = new Uint8Array(m);
    this.edgeName = new Uint32Array(m);
    this.edgeTo = new Uint32Array(m);
    for (let j = 0; j < m; j++) {
      const base = j * edgeFields;
      this.edgeType[j] = raw.edges[base + eType]!;
      this.edgeName[j] = raw.edges[base + eName]!;
      this.edgeTo[j] = raw.edges[base + eTo]! / nodeFields;
    }
    const dominators = this.dominators();
    this.idom = dominators.idom;
    this.reachable = dominators.reachable;
    this.retained = new Float64Array(this.selfSize);
    // Post-order visits a node before its dominator (an ancestor in the DFS tree).
    for (const node of dominators.postOrder) {
      if (node !== 0) this.retained[this.idom[node]!]! += this.retained[node]!;
    }
  }

  /** Reads and parses a `.heapsnapshot` file (JSON; Node's string limit caps it near 512 MiB). */
  static read(path: string): HeapGraph {
    return new HeapGraph(JSON.parse(readFileSync(path, 'utf8')) as RawSnapshot);
  }

  typeOf(node: number): string {
    return this.nodeTypes[this.type[node]!]!;
  }

  nameOf(node: number): string {
    return this.strings[this.name[node]!]!;
  }

  /** A string node's value: concatenated strings are named `(concatenated string)`, so join their parts. */
  stringValue(node: number, depth = 0): string {
    if (this.typeOf(node) !== 'concatenated string' || depth > 32) return this.nameOf(node);
    let value = '';
    for (const part of ['first', 'second']) {
      for (let e = this.firstEdge[node]!; e < this.firstEdge[node + 1]!; e++) {
        if (this.edgeNameOf(e) === part) value += this.stringValue(this.edgeTo[e]!, depth + 1);
      }
    }
    return value;
  }

  edgeTypeOf(edge: number): string {
    return this.edgeTypes[this.edgeType[edge]!]!;
  }

  /** A property-like edge's name, or `[index]` for elements and hidden edges. */
  edgeNameOf(edge: number): string {
    const type = this.edgeTypeOf(edge);
    return type === 'element' || type === 'hidden'
      ? `[${this.edgeName[edge]}]`
      : this.strings[this.edgeName[edge]!]!;
  }

  private essential(from: number, edge: number): boolean {
    const type = this.edgeTypeOf(edge);
    return type !== 'weak' && (type !== 'shortcut' || from === 0);
  }

  private dominators(): { idom: Uint32Array; reachable: Uint8Array; postOrder: Uint32Array } {
    const n = this.nodeCount;
    // Post-order of a depth-first walk from the root over essential edges (iterative: the heap is deep).
    const postIndex = new Int32Array(n).fill(-1);
    const postOrder = new Uint32Array(n);
    const visited = new Uint8Array(n);
    const stackNode = new Uint32Array(n);
    const stackEdge = new Uint32Array(n);
    let count = 0;
    let top = 0;
    stackNode[0] = 0;
    stackEdge[0] = this.firstEdge[0]!;
    visited[0] = 1;
    while (top >= 0) {
      const node = stackNode[top]!;
      const edge = stackEdge[top]!;
      if (edge < this.firstEdge[node + 1]!) {
        stackEdge[top] = edge + 1;
        const to = this.edgeTo[edge]!;
        if (!visited[to] && this.essential(node, edge)) {
          visited[to] = 1;
          top++;
          stackNode[top] = to;
          stackEdge[top] = this.firstEdge[to]!;
        }
      } else {
        postIndex[node] = count;
        postOrder[count++] = node;
        top--;
      }
    }
    // Retainers by post-order index, over essential edges between reachable nodes.
    const retainerCount = new Uint32Array(count + 1);
    for (let from = 0; from < n; from++) {
      if (postIndex[from]! < 0) continue;
      for (let e = this.firstEdge[from]!; e < this.firstEdge[from + 1]!; e++) {
        const to = postIndex[this.edgeTo[e]!]!;
        if (to >= 0 && this.essential(from, e)) retainerCount[to + 1]!++;
      }
    }
    for (let i = 0; i < count; i++) retainerCount[i + 1]! += retainerCount[i]!;
    const retainers = new Uint32Array(retainerCount[count]!);
    const fill = retainerCount.slice(0, count);
    for (let from = 0; from < n; from++) {
      const fromPost = postIndex[from]!;
      if (fromPost < 0) continue;
      for (let e = this.firstEdge[from]!; e < this.firstEdge[from + 1]!; e++) {
        const to = postIndex[this.edgeTo[e]!]!;
        if (to >= 0 && this.essential(from, e)) retainers[fill[to]!++] = fromPost;
      }
    }
    const root = count - 1;
    const dom = new Int32Array(count).fill(-1);
    dom[root] = root;
    for (let changed = true; changed;) {
      changed = false;
      for (let b = root - 1; b >= 0; b--) {
        let next = -1;
        for (let r = retainerCount[b]!; r < retainerCount[b + 1]!; r++) {
          let p = retainers[r]!;
          if (dom[p]! < 0) continue;
          if (next < 0) {
            next = p;
            continue;
          }
          let q = next;
          while (p !== q) {
            while (p < q) p = dom[p]!;
            while (q < p) q = dom[q]!;
          }
          next = p;
        }
        if (next >= 0 && dom[b] !== next) {
          dom[b] = next;
          changed = true;
        }
      }
    }
    const idom = new Uint32Array(n);
    for (let i = 0; i < n; i++) idom[i] = i;
    for (let b = 0; b < count; b++) idom[postOrder[b]!] = postOrder[dom[b]! < 0 ? root : dom[b]!]!;
    return { idom, reachable: visited, postOrder: postOrder.subarray(0, count) };
  }
}
