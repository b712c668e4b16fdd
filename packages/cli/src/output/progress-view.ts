import { CONDITION_ORDER, workloadVerdict, type WorkloadProgress } from '../dev/workload-progress.js';
import { renderTable } from './text-table.js';

/** One condition as a table cell: `True`, `False (Reason)`, `Unknown (Reason)`, or `-` when not set yet. */
export function conditionCell(progress: WorkloadProgress, type: (typeof CONDITION_ORDER)[number]): string {
  const condition = progress.conditions[type];
  if (condition === undefined) return '-';
  return condition.status === 'True' ? 'True' : `${condition.status} (${condition.reason})`;
}

/** The message to show: the first non-True condition's message, else the endpoint. */
export function detailOf(progress: WorkloadProgress): string {
  for (const type of CONDITION_ORDER) {
    const condition = progress.conditions[type];
    if (condition !== undefined && condition.status !== 'True' && condition.message) return condition.message;
  }
  return progress.endpoint ?? '';
}

/** The live table `dev` redraws on a terminal: one row per Workload, one column per condition. */
export function renderProgressTable(workloads: readonly WorkloadProgress[], width = 160): string {
  const rows = workloads.map((w) => [
    w.key,
    ...CONDITION_ORDER.map((type) => conditionCell(w, type)),
    detailOf(w),
  ]);
  const table = renderTable([['WORKLOAD', 'INPUTS', 'CLAIMS', 'RUNTIME', 'READY', 'DETAIL'], ...rows], 60);
  return table
    .split('\n')
    .map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line))
    .join('\n');
}

/**
 * One line per change, for logs and pipes: `default/hello Ready=False(NotReady) InputsValid=True ...: message`.
 * Stable for equal input, so callers print it only when it differs from the last line for that Workload.
 */
export function renderProgressLine(progress: WorkloadProgress): string {
  const parts = CONDITION_ORDER.map((type) => {
    const condition = progress.conditions[type];
    if (condition === undefined) return `${type}=-`;
    return condition.status === 'True' ? `${type}=True` : `${type}=${condition.status}(${condition.reason})`;
  });
  const verdict = workloadVerdict(progress).state;
  const detail = detailOf(progress);
  return `${progress.key} [${verdict}] ${parts.join(' ')}${detail === '' ? '' : `: ${detail}`}`;
}
