// The parser of Go's text/template: tokens to a parse tree, checking control structure and variables.
import { lex, type Token } from './lexer.js';
import type { Command, Operand, ParsedTemplate, Pipeline, TemplateNode } from './parse-tree.js';
import { templateError } from './template.error.js';

/** Parses `source` (named `name` in messages). Throws a positioned `Load` error on bad syntax. */
export function parseTemplate(name: string, source: string): ParsedTemplate {
  return new Parser(name, source, lex(name, source)).run();
}

/** What ended a list of nodes: `{{end}}`, `{{else}}` (with what follows `else`), or the end of input. */
type ListEnd = { kind: 'end' | 'eof'; pos: number } | { kind: 'else'; pos: number; chained?: 'if' | 'with' };

class Parser {
  private i = 0;
  private readonly defined = new Map<string, TemplateNode[]>();
  /** Variable scopes: one array per open control structure; `$` is always there. */
  private scopes: string[][] = [['$']];

  constructor(
    private readonly name: string,
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  run(): ParsedTemplate {
    const { nodes, end } = this.list(true);
    if (end.kind !== 'eof') throw this.error(end.pos, `unexpected {{${end.kind}}}`);
    return { name: this.name, source: this.src, body: nodes, defined: this.defined };
  }

  /** Nodes up to `{{end}}`, `{{else ...}}` or the end of input. */
  private list(topLevel: boolean): { nodes: TemplateNode[]; end: ListEnd } {
    const nodes: TemplateNode[] = [];
    for (;;) {
      const t = this.next();
      if (t.type === 'eof') return { nodes, end: { kind: 'eof', pos: t.pos } };
      if (t.type === 'text') {
        nodes.push({ kind: 'text', pos: t.pos, text: t.value });
        continue;
      }
      // t is `{{`
      const word = this.peekNonSpace();
      if (word.type === 'keyword') {
        this.nextNonSpace();
        switch (word.value) {
          case 'end':
            this.expectClose('end');
            return { nodes, end: { kind: 'end', pos: word.pos } };
          case 'else': {
            const after = this.peekNonSpace();
            if (after.type === 'keyword' && (after.value === 'if' || after.value === 'with')) {
              // `{{else if x}}`: the rest of the action belongs to a nested if, sharing our `{{end}}`.
              return { nodes, end: { kind: 'else', pos: word.pos, chained: after.value } };
            }
            this.expectClose('else');
            return { nodes, end: { kind: 'else', pos: word.pos } };
          }
          case 'if':
          case 'with':
          case 'range':
            nodes.push(this.control(word.value, word.pos));
            continue;
          case 'template':
            nodes.push(this.templateCall(word.pos));
            continue;
          case 'block':
            nodes.push(this.block(word.pos));
            continue;
          case 'define':
            if (!topLevel)
              throw this.error(word.pos, 'unexpected define: define is allowed only at top level');
            this.define(word.pos);
            continue;
          case 'break':
          case 'continue':
            if (!this.inRange()) throw this.error(word.pos, `{{${word.value}}} outside {{range}}`);
            this.expectClose(word.value);
            nodes.push({ kind: word.value, pos: word.pos });
            continue;
        }
      }
      const pipe = this.pipeline('command', true);
      nodes.push({ kind: 'action', pos: pipe.pos, pipe });
    }
  }

  private rangeDepth = 0;
  private inRange(): boolean {
    return this.rangeDepth > 0;
  }

  /** `if`, `with` or `range` after its keyword, through its `{{end}}`. */
  private control(kind: 'if' | 'with' | 'range', pos: number): TemplateNode {
    this.scopes.push([]);
    const pipe = this.pipeline(kind, false, kind === 'range');
    if (kind === 'range') this.rangeDepth++;
    const { nodes: body, end } = this.list(false);
    if (kind === 'range') this.rangeDepth--;
    let elseBody: TemplateNode[] | undefined;
    if (end.kind === 'eof') throw this.error(pos, `unexpected EOF: {{${kind}}} has no {{end}}`);
    if (end.kind === 'else') {
      if (end.chained) {
        if (kind === 'range') throw this.error(end.pos, `{{else ${end.chained}}} inside {{range}}`);
        const keyword = this.nextNonSpace();
        elseBody = [this.control(end.chained, keyword.pos)];
      } else {
        const rest = this.list(false);
        if (rest.end.kind !== 'end')
          throw this.error(rest.end.pos, `expected {{end}} after {{else}} of {{${kind}}}`);
        elseBody = rest.nodes;
      }
    }
    this.scopes.pop();
    return { kind, pos, pipe, body, elseBody };
  }

  private templateCall(pos: number): TemplateNode {
    const name = this.nextNonSpace();
    if (name.type !== 'string') throw this.error(name.pos, 'template name must be a string');
    if (this.peekNonSpace().type === 'close') {
      this.nextNonSpace();
      return { kind: 'template', pos, name: name.value };
    }
    return { kind: 'template', pos, name: name.value, pipe: this.pipeline('template', false) };
  }

  private block(pos: number): TemplateNode {
    const name = this.nextNonSpace();
    if (name.type !== 'string') throw this.error(name.pos, 'block name must be a string');
    const pipe = this.pipeline('block', false);
    this.defineBody(name.value, pos);
    return { kind: 'template', pos, name: name.value, pipe };
  }

  private define(pos: number): void {
    const name = this.nextNonSpace();
    if (name.type !== 'string') throw this.error(name.pos, 'define name must be a string');
    this.expectClose('define');
    this.defineBody(name.value, pos);
  }

  private defineBody(name: string, pos: number): void {
    const outer = this.scopes;
    this.scopes = [['$']];
    const { nodes, end } = this.list(false);
    this.scopes = outer;
    if (end.kind !== 'end') throw this.error(pos, `expected {{end}} of template ${JSON.stringify(name)}`);
    if (this.defined.has(name))
      throw this.error(pos, `template: multiple definition of template ${JSON.stringify(name)}`);
    this.defined.set(name, nodes);
  }

  /** A pipeline through the closing `}}` (or `)` when `nested`). */
  private pipeline(context: string, allowDecl: boolean, rangeDecl = false, nested = false): Pipeline {
    const start = this.peekNonSpace().pos;
    const variables: string[] = [];
    let assign = false;
    if (this.declarationAhead()) {
      variables.push(this.nextNonSpace().value);
      if (this.peekNonSpace().type === 'comma') {
        if (!rangeDecl) throw this.error(this.peekNonSpace().pos, `too many declarations in ${context}`);
        this.nextNonSpace();
        const second = this.nextNonSpace();
        if (second.type !== 'variable') throw this.error(second.pos, 'expected a variable after ","');
        variables.push(second.value);
      }
      const op = this.nextNonSpace();
      assign = op.type === 'assign';
      for (const v of variables) {
        if (assign) this.checkVariable(v, op.pos);
        else this.scopes[this.scopes.length - 1]!.push(v);
      }
    }
    void allowDecl;
    const commands: Command[] = [];
    for (;;) {
      const t = this.peekNonSpace();
      if (t.type === (nested ? 'rparen' : 'close')) {
        this.nextNonSpace();
        break;
      }
      if (t.type === 'close' || t.type === 'rparen' || t.type === 'eof') {
        throw this.error(t.pos, `unexpected ${describe(t)} in ${context}`);
      }
      commands.push(this.command(context));
      const sep = this.peekNonSpace();
      if (sep.type === 'pipe') this.nextNonSpace();
    }
    const end = this.tokens[this.i - 1]!.pos;
    if (commands.length === 0) throw this.error(start, `missing value for ${context}`);
    commands.forEach((cmd, n) => {
      const first = cmd.args[0]!;
      if (n > 0 && ['bool', 'dot', 'nil', 'number', 'string'].includes(first.kind)) {
        throw this.error(first.pos, `non executable command in pipeline stage ${n + 1}`);
      }
    });
    return { pos: start, text: this.src.slice(start, end).trim(), variables, assign, commands };
  }

  private declarationAhead(): boolean {
    let j = this.i;
    const skip = () => {
      while (this.tokens[j]?.type === 'space') j++;
    };
    skip();
    if (this.tokens[j]?.type !== 'variable') return false;
    j++;
    skip();
    const t = this.tokens[j]?.type;
    return t === 'declare' || t === 'assign' || t === 'comma';
  }

  private command(context: string): Command {
    const args: Operand[] = [];
    const pos = this.peekNonSpace().pos;
    for (;;) {
      const t = this.peekNonSpace();
      if (t.type === 'pipe' || t.type === 'close' || t.type === 'rparen' || t.type === 'eof') break;
      args.push(this.operand(context));
    }
    if (args.length === 0) throw this.error(pos, `empty command in ${context}`);
    return { pos, args };
  }

  private operand(context: string): Operand {
    const t = this.nextNonSpace();
    let term: Operand;
    switch (t.type) {
      case 'dot':
        term = { kind: 'dot', pos: t.pos };
        break;
      case 'field':
        return { kind: 'field', pos: t.pos, path: [t.value, ...this.fields()] };
      case 'variable':
        this.checkVariable(t.value, t.pos);
        return { kind: 'variable', pos: t.pos, name: t.value, path: this.fields() };
      case 'lparen':
        term = {
          kind: 'pipeline',
          pos: t.pos,
          pipe: this.pipeline('parenthesized pipeline', false, false, true),
        };
        break;
      case 'identifier':
        term = { kind: 'function', pos: t.pos, name: t.value };
        break;
      case 'string':
        term = { kind: 'string', pos: t.pos, value: t.value };
        break;
      case 'char':
        term = { kind: 'number', pos: t.pos, value: Number(t.value), text: t.value };
        break;
      case 'number':
        term = { kind: 'number', pos: t.pos, value: parseNumber(t.value), text: t.value };
        if (Number.isNaN(term.value)) throw this.error(t.pos, `bad number syntax: ${t.value}`);
        break;
      case 'bool':
        term = { kind: 'bool', pos: t.pos, value: t.value === 'true' };
        break;
      case 'nil':
        term = { kind: 'nil', pos: t.pos };
        break;
      default:
        throw this.error(t.pos, `unexpected ${describe(t)} in ${context}`);
    }
    const path = this.fields();
    if (path.length === 0) return term;
    if (term.kind !== 'pipeline' && term.kind !== 'dot') {
      throw this.error(
        t.pos,
        `unexpected . after term ${JSON.stringify(this.src.slice(t.pos, this.tokens[this.i - path.length]!.pos))}`,
      );
    }
    return { kind: 'chain', pos: t.pos, operand: term, path };
  }

  /** Field tokens directly following (no space). */
  private fields(): string[] {
    const path: string[] = [];
    while (this.tokens[this.i]?.type === 'field') path.push(this.tokens[this.i++]!.value);
    return path;
  }

  private checkVariable(name: string, pos: number): void {
    if (!this.scopes.some((scope) => scope.includes(name))) {
      throw this.error(pos, `undefined variable ${JSON.stringify(name)}`);
    }
  }

  private expectClose(what: string): void {
    const t = this.nextNonSpace();
    if (t.type !== 'close') throw this.error(t.pos, `unexpected ${describe(t)} in ${what}`);
  }

  private next(): Token {
    return this.tokens[this.i++] ?? this.tokens[this.tokens.length - 1]!;
  }

  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }

  private peekNonSpace(): Token {
    let j = this.i;
    while (this.tokens[j]?.type === 'space') j++;
    return this.tokens[j] ?? this.tokens[this.tokens.length - 1]!;
  }

  private error(offset: number, message: string) {
    return templateError('Template', this.name, this.src, offset, message);
  }
}

function describe(t: Token): string {
  if (t.type === 'close') return '"}}"';
  if (t.type === 'eof') return 'EOF';
  return `${t.type} ${JSON.stringify(t.value)}`;
}

function parseNumber(text: string): number {
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[+-]/, '');
  if (/^0[xX]/.test(body)) return sign * parseInt(body.slice(2), 16);
  if (/^0[bB]/.test(body)) return sign * parseInt(body.slice(2), 2);
  if (/^0[oO]/.test(body)) return sign * parseInt(body.slice(2), 8);
  if (/^0[0-7]+$/.test(body)) return sign * parseInt(body.slice(1), 8);
  return sign * Number(body);
}
