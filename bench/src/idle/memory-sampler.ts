// Preloaded into the measured process (`node --import <this file>`): on SIGUSR2 it writes the process's
// memory as V8 and Node see it to $BENCH_MEMORY_FILE. It adds nothing else (no timers, no IPC channel), so
// the process measured is `score-orchestrator run` as it ships. SIGUSR2 because Node keeps SIGUSR1 for the
// inspector.
import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import type { MemorySample } from './memory-sample.js';

const out = process.env.BENCH_MEMORY_FILE;
if (out) {
  process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    // With --expose-gc: the same figures after full collections (what a longer idle would reach).
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) gc?.();
    const after = process.memoryUsage();
    const sample: MemorySample = {
      before,
      afterGc: gc ? after : undefined,
      heap: getHeapStatistics(),
      spaces: Object.fromEntries(
        getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]),
      ),
      spaceSizes: Object.fromEntries(
        getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]),
      ),
      execArgv: process.execArgv,
      node: process.version,
    };
    writeFileSync(out, JSON.stringify(sample));
  });
}
