import type { OutputStream } from '../cli-context.js';

/**
 * Reports the steps of a long command on stderr: `• starting the local cluster...` when a step begins, and
 * `✓ started the local cluster (4.2s)` or `✗ ... (reason)` when it ends. Anything that takes more than a
 * second shows a heartbeat every `heartbeatMs` so the user knows it is alive.
 */
export class StepReporter {
  constructor(
    private readonly out: OutputStream,
    private readonly now: () => number = Date.now,
    private readonly heartbeatMs = 10_000,
  ) {}

  /** Runs `work` as one step named `title` (present participle, e.g. "starting the local cluster"). */
  async step<T>(title: string, work: () => Promise<T>): Promise<T> {
    const started = this.now();
    this.out.write(`• ${title}...\n`);
    const heartbeat = setInterval(() => {
      this.out.write(`  ...still ${title} (${this.elapsed(started)})\n`);
    }, this.heartbeatMs);
    heartbeat.unref();
    try {
      const result = await work();
      this.out.write(`✓ ${title} (${this.elapsed(started)})\n`);
      return result;
    } catch (err) {
      this.out.write(`✗ ${title} failed after ${this.elapsed(started)}\n`);
      throw err;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** A line of detail inside the current step (e.g. a build's output), indented. */
  detail(line: string): void {
    this.out.write(`  ${line}\n`);
  }

  private elapsed(started: number): string {
    return `${((this.now() - started) / 1000).toFixed(1)}s`;
  }
}
