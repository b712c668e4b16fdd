/**
 * Renders rows as left-aligned columns separated by two spaces, like `kubectl get`; the first row is the
 * header. Cells longer than `maxCell` are cut with an ellipsis so a long message cannot wrap the table.
 */
export function renderTable(rows: readonly (readonly string[])[], maxCell = 80): string {
  if (rows.length === 0) return '';
  const cut = (cell: string): string => (cell.length > maxCell ? `${cell.slice(0, maxCell - 1)}…` : cell);
  const cells = rows.map((row) => row.map(cut));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}
