// Copied from @score-orchestrator/operator-sdk (src/bench/bench-result.ts, not exported), so both bench
// suites print and store results the same way.
/** One measured quantity of a benchmark: the value of every run and their median. */
export interface BenchResult {
  readonly name: string;
  /** The unit of `runs` and `median`, e.g. `items/s` or `ms`. */
  readonly unit: string;
  readonly runs: readonly number[];
  readonly median: number;
  /** Context worth printing beside the figure (sizes, settings). */
  readonly extra?: Readonly<Record<string, string | number>>;
}

/** The median of `values` (the mean of the middle two for an even count); `NaN` when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}

/** Renders results as an aligned plain-text table: name, median, unit, min–max of the runs, extras. */
export function formatBenchTable(results: readonly BenchResult[]): string {
  const header = ['benchmark', 'median', 'unit', 'min – max', 'runs', 'extra'];
  const rows = results.map((r) => [
    r.name,
    formatNumber(r.median),
    r.unit,
    r.runs.length ? `${formatNumber(Math.min(...r.runs))} – ${formatNumber(Math.max(...r.runs))}` : '',
    String(r.runs.length),
    Object.entries(r.extra ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) =>
        i === 1 || i === 3 || i === 4 ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
