import type { PluginRow } from '@score-orchestrator/orchestrator';
import { renderData, type OutputFormat } from './output-format.js';
import { renderTable } from './text-table.js';

/** Renders `plugins list`: a table (PACKAGE, KIND, NAME, SERVES, OWNS) or the rows as JSON/YAML. */
export function renderPlugins(rows: readonly PluginRow[], format: OutputFormat): string {
  if (format !== 'text') return renderData(rows, format);
  if (rows.length === 0) return 'no resolvers or runtimes\n';
  return renderTable([
    ['PACKAGE', 'KIND', 'NAME', 'SERVES', 'OWNS'],
    ...rows.map((row) => [row.package, row.sort, row.name, row.serves, row.owns === '' ? '-' : row.owns]),
  ]);
}
