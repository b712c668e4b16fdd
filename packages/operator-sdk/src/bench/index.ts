/**
 * The `@score-orchestrator/operator-sdk/bench` entry: how the SDK's and the orchestrator's benchmarks record,
 * summarise and print their figures, so every suite reports the same table and JSON rows. A subpath of its
 * own, so the main entry never loads benchmark code.
 *
 * @packageDocumentation
 */
export { median, formatBenchTable } from './bench-result.js';
export type { BenchResult } from './bench-result.js';
export { benchCacheMemory, defaultCacheMemoryCases } from './cache-memory.js';
export type { CacheMemoryCase, CacheMemoryOptions } from './cache-memory.js';
