import type { OutputStream } from '../cli-context.js';
import type { WorkloadProgress } from './workload-progress.js';
import { renderProgressLine, renderProgressTable } from '../output/progress-view.js';

/**
 * Shows Workload progress as it changes: on an interactive terminal a table redrawn in place; otherwise
 * (a pipe, a CI log, `NO_COLOR`/`CI` set) one timestamped line per Workload whenever its line changes.
 */
export class LiveView {
  private drawnLines = 0;
  private readonly lastLines = new Map<string, string>();

  constructor(
    private readonly out: OutputStream,
    private readonly live: boolean,
  ) {}

  show(workloads: readonly WorkloadProgress[]): void {
    if (this.live) {
      const table = renderProgressTable(workloads, this.out.columns ?? 160);
      const clear = this.drawnLines > 0 ? `\u001b[${this.drawnLines}F\u001b[J` : '';
      this.out.write(`${clear}${table}`);
      this.drawnLines = table.split('\n').length - 1;
      return;
    }
    for (const workload of workloads) {
      const line = renderProgressLine(workload);
      if (this.lastLines.get(workload.key) === line) continue;
      this.lastLines.set(workload.key, line);
      this.out.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
    }
  }

  /** Stops redrawing in place: whatever is printed next goes below the table. */
  release(): void {
    this.drawnLines = 0;
  }
}
