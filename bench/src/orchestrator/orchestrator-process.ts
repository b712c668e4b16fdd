// The parent's handle on the orchestrator child process.
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildMessage, ChildSample, ChildSettings } from './child-protocol.js';
import { parseNodeSetting } from './node-setting.js';

// BENCH_CHILD_ENTRY: another build of this child to run instead, e.g. bundled as the image bundles the
// orchestrator (bench/bundle-child.mjs), to measure memory and CPU at scale as the image runs.
const childEntry = process.env.BENCH_CHILD_ENTRY ?? new URL('./orchestrator-child.js', import.meta.url);

/** A running orchestrator in a child process (started with `--expose-gc`, so samples follow a full GC). */
export class OrchestratorProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<number | null>,
  ) {}

  /** Forks the child and waits until its manager has started (caches synced). */
  static async start(settings: ChildSettings): Promise<OrchestratorProcess> {
    // BENCH_CHILD_NODE_FLAGS: V8 flags NODE_OPTIONS refuses (--optimize-for-size, --lite-mode), and
    // NAME=value variables for the child alone (MALLOC_ARENA_MAX=2), to measure what they cost at scale.
    const extra = parseNodeSetting(process.env.BENCH_CHILD_NODE_FLAGS ?? '');
    const child = fork(childEntry, [JSON.stringify(settings)], {
      execArgv: ['--expose-gc', ...extra.flags],
      env: { ...process.env, ...extra.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== 'ready') return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      void exited.then((code) => reject(new Error(`orchestrator child exited (code ${code}) before ready`)));
    });
    return new OrchestratorProcess(child, exited);
  }

  /**
   * The child's memory after a full GC, its log volume and metric totals since it started; with
   * `snapshot`, a heap snapshot of that name too when `BENCH_HEAP_SNAPSHOT` names a directory.
   */
  sample(snapshot?: string): Promise<ChildSample> {
    return new Promise((resolve) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== 'sample') return;
        this.child.off('message', onMessage);
        resolve(message.sample);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'sample', snapshot });
    });
  }

  /** Stops the manager and waits for the process to exit (killed after 30 s). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}
