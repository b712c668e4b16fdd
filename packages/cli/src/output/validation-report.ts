import type { FileIssue, FileValidation } from '../validate/file-issue.js';
import { renderData, type OutputFormat } from './output-format.js';

/**
 * Renders what `validate` found. Text: one `file:line:column: field: message` line per issue (the form
 * editors and CI annotate), then a summary. JSON/YAML: `{ valid, files: [{ file, kind, workloads, issues }] }`.
 */
export function renderValidation(results: readonly FileValidation[], format: OutputFormat): string {
  const issues = results.flatMap((result) => result.issues);
  if (format !== 'text') return renderData({ valid: issues.length === 0, files: results }, format);
  const lines = issues.map(formatIssue);
  const failed = results.filter((result) => result.issues.length > 0).length;
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  lines.push(
    issues.length === 0
      ? `${count(results.length, 'file')} valid`
      : `${count(issues.length, 'error')} in ${count(failed, 'file')} (of ${results.length})`,
  );
  return `${lines.join('\n')}\n`;
}

/** One issue as `file:line:column: field: message`, the form editors and CI annotate. */
export function formatIssue(issue: FileIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.field === '' ? '' : `${issue.field}: `}${issue.message}`;
}
