// A Go template ready to render: parsed once (at load time), its function names checked against a set.
import { ScoreApiError } from '../errors/api.error.js';
import { executeTemplate } from './evaluate.js';
import type { Operand, ParsedTemplate, Pipeline, TemplateNode } from './parse-tree.js';
import { parseTemplate } from './parser.js';
import type { FunctionMap } from './template-function.js';
import { goTemplateFunctions, isKnownFunction } from './template-functions.js';
import { positionOf } from './template.error.js';

/** A parsed, checked template. */
export interface CompiledTemplate {
  readonly name: string;
  render(data: unknown): string;
}

/** A function a template calls, with where. */
export interface FunctionUse {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Parses `source` and checks that every function it calls exists in `functions` (default:
 * {@link goTemplateFunctions}), so that a typo or an unsupported sprig function fails when the template
 * loads, not when it first renders. `render` throws `ScoreApiError` `TemplateRender` with the position.
 *
 * @throws ScoreApiError `Template`: `template <name>:<line>:<col>: ...` for syntax errors, or
 *   `template <name>: unsupported functions: foo (line 2, column 5), bar (...)`.
 */
export function compileTemplate(
  name: string,
  source: string,
  functions: FunctionMap = goTemplateFunctions,
): CompiledTemplate {
  const parsed = parseTemplate(name, source);
  const unknown = functionUses(parsed).filter((use) => !isKnownFunction(functions, use.name));
  if (unknown.length > 0) {
    const list = unknown.map((u) => `${u.name} (line ${u.line}, column ${u.column})`).join(', ');
    throw new ScoreApiError(
      'Template',
      `template ${name}: unsupported function${unknown.length > 1 ? 's' : ''}: ${list} (supported: see the Go template README of @score-orchestrator/api)`,
    );
  }
  return { name, render: (data) => executeTemplate(parsed, data, functions) };
}

/** Every function call in a parsed template (main body and defined templates), in source order. */
export function functionUses(parsed: ParsedTemplate): FunctionUse[] {
  const uses: { name: string; pos: number }[] = [];
  const pipe = (p: Pipeline) => p.commands.forEach((c) => c.args.forEach(operand));
  const operand = (op: Operand): void => {
    if (op.kind === 'function') uses.push({ name: op.name, pos: op.pos });
    if (op.kind === 'pipeline') pipe(op.pipe);
    if (op.kind === 'chain') operand(op.operand);
  };
  const nodes = (list: readonly TemplateNode[]): void =>
    list.forEach((n) => {
      if (n.kind === 'action') pipe(n.pipe);
      if (n.kind === 'if' || n.kind === 'with' || n.kind === 'range') {
        pipe(n.pipe);
        nodes(n.body);
        if (n.elseBody) nodes(n.elseBody);
      }
      if (n.kind === 'template' && n.pipe) pipe(n.pipe);
    });
  nodes(parsed.body);
  for (const body of parsed.defined.values()) nodes(body);
  return uses
    .sort((a, b) => a.pos - b.pos)
    .map((u) => ({ name: u.name, ...positionOf(parsed.source, u.pos) }));
}
