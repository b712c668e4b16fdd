// Errors of the template engine: where (template name, line, column) and what.
import { ProvisionersError } from '../errors/provisioners.error.js';

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
 * A parse error (`kind` `Load`) or an execution error (`kind` `Render`) of a template, with its position.
 * The message reads `template <name>:<line>:<column>: <what>`, as Go's text/template does.
 */
export function templateError(
  kind: 'Load' | 'Render',
  name: string,
  source: string,
  offset: number,
  message: string,
  cause?: unknown,
): ProvisionersError {
  const { line, column } = positionOf(source, offset);
  return new ProvisionersError(kind, `template ${name}:${line}:${column}: ${message}`, { cause });
}
