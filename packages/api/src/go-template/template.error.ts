// Errors of the template engine: where (template name, line, column) and what.
import { ScoreApiError } from '../errors/api.error.js';

/** A line/column (1-based) in a template's source. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** The 1-based line and column of `offset` in `source`. */
export function positionOf(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A parse error (`kind` `Template`) or an execution error (`kind` `TemplateRender`) of a template, with its
 * position.
 * The message reads `template <name>:<line>:<column>: <what>`, as Go's text/template does.
 */
export function templateError(
  kind: 'Template' | 'TemplateRender',
  name: string,
  source: string,
  offset: number,
  message: string,
  cause?: unknown,
): ScoreApiError {
  const { line, column } = positionOf(source, offset);
  return new ScoreApiError(kind, `template ${name}:${line}:${column}: ${message}`, { cause });
}
