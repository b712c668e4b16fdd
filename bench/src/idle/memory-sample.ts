// What the memory sampler writes: process.memoryUsage() before and after full GCs, V8's heap statistics.
import type { HeapInfo } from 'node:v8';

export interface MemorySample {
  readonly before: NodeJS.MemoryUsage;
  /** Only when the process runs with --expose-gc. */
  readonly afterGc: NodeJS.MemoryUsage | undefined;
  readonly heap: HeapInfo;
  /** Bytes used, by V8 heap space (new_space, old_space, code_space, ...). */
  readonly spaces: Readonly<Record<string, number>>;
  /** Bytes reserved, by V8 heap space. */
  readonly spaceSizes: Readonly<Record<string, number>>;
  readonly execArgv: readonly string[];
  readonly node: string;
}
