// One `score-orchestrator run` process, started as the image starts it (the CLI's bin, no IPC channel),
// left idle, then measured from outside (/proc) and from inside (the preloaded memory sampler).
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MemorySample } from './memory-sample.js';

const samplerEntry = new URL('./memory-sampler.js', import.meta.url).href;

/** What runs: which node, with which flags and environment, from which source tree. */
export interface IdleSetting {
  readonly node: string;
  readonly flags: readonly string[];
  /** Variables added to the bench's environment (MALLOC_ARENA_MAX, UV_THREADPOOL_SIZE, NODE_OPTIONS, ...). */
  readonly env: Readonly<Record<string, string>>;
  /** The script run as `node <entry> run ...`: a tree's CLI bin, or a bundled entry. */
  readonly entry: string;
  /** The platform config (absolute). */
  readonly config: string;
  readonly kubeconfigPath: string;
}

/** The kernel's view (/proc/<pid>/smaps_rollup) and V8's, in bytes. */
export interface IdleMeasurement {
  readonly rssBytes: number;
  /** Anonymous memory: the V8 heap, malloc, thread stacks. */
  readonly anonymousBytes: number;
  /** File-backed pages: the node binary's code and data, shared libraries. */
  readonly fileBytes: number;
  /** The process's proportional share (PSS) of its anonymous and file-backed pages: file pages shared with
   * other processes running the same binary count in part. */
  readonly pssAnonBytes: number;
  readonly pssFileBytes: number;
  /** Threads in the process (/proc/<pid>/status): V8's platform workers, libuv's pool, the main thread. */
  readonly threads: number;
  readonly sample: MemorySample;
}

/** Runs one idle orchestrator for `seconds` and measures it; throws when it exits early. */
export async function measureIdle(setting: IdleSetting, seconds: number): Promise<IdleMeasurement> {
  const out = join(tmpdir(), `idle-memory-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const port = await freePort();
  const child = spawn(
    setting.node,
    [
      ...setting.flags,
      // Only so the sampler's after-GC figures exist; it allocates nothing until asked.
      '--expose-gc',
      `--import=${samplerEntry}`,
      setting.entry,
      'run',
      '--config',
      setting.config,
      '--kubeconfig',
      setting.kubeconfigPath,
      '--metrics-bind-address',
      `127.0.0.1:${port}`,
      '--log-level',
      'error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...setting.env, BENCH_MEMORY_FILE: out } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const early = exited.then((code) => {
    throw new Error(`score-orchestrator run exited early (code ${code}): ${stderr.slice(-2000)}`);
  });
  try {
    await Promise.race([sleep(seconds * 1000), early]);
    const rollup = parseSmapsRollup(await readFile(`/proc/${child.pid}/smaps_rollup`, 'utf8'));
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
    child.kill('SIGUSR2');
    const sample = await Promise.race([readSample(out), early]);
    return {
      rssBytes: rollup.Rss!,
      anonymousBytes: rollup.Anonymous!,
      fileBytes: rollup.Rss! - rollup.Anonymous!,
      pssAnonBytes: rollup.Pss_Anon!,
      pssFileBytes: rollup.Pss_File!,
      threads: Number(/^Threads:\s+(\d+)$/m.exec(status)?.[1]),
      sample,
    };
  } finally {
    early.catch(() => undefined);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(out, { force: true });
  }
}

/** `Rss`, `Anonymous`, ... of /proc/<pid>/smaps_rollup, in bytes. */
export function parseSmapsRollup(text: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const match of text.matchAll(/^(\w+):\s+(\d+) kB$/gm)) fields[match[1]!] = Number(match[2]) * 1024;
  return fields;
}

async function readSample(path: string): Promise<MemorySample> {
  for (let i = 0; i < 100; i++) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as MemorySample;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`the memory sampler wrote nothing to ${path} within 10 s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
