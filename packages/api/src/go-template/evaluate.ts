// The evaluator of Go's text/template: walks a parse tree with data and functions, producing text.
import { GoStruct, goTypeName, isMap, isNil, isTrue, printableValue } from './go-values.js';
import type { Command, ControlNode, Operand, ParsedTemplate, Pipeline, TemplateNode } from './parse-tree.js';
import type { FunctionMap } from './template-function.js';
import { templateError } from './template.error.js';

/** Nested `{{template}}` calls allowed before giving up (recursion guard). */
const maxDepth = 1000;

class ExecError extends Error {
  constructor(
    readonly pos: number,
    readonly at: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

class Break {}
class Continue {}

interface Variable {
  readonly name: string;
  value: unknown;
}

/**
 * Executes `template` with `data` as dot (and `$`). Throws a positioned `TemplateRender` error naming the failing
 * pipeline, e.g. `template outputs:3:5: executing at <fail "no port">: error calling fail: no port`.
 */
export function executeTemplate(template: ParsedTemplate, data: unknown, functions: FunctionMap): string {
  const state = new ExecState(template, functions);
  try {
    state.walkList([{ name: '$', value: data }], data, template.body, 0);
  } catch (err) {
    if (err instanceof ExecError) {
      throw templateError(
        'TemplateRender',
        template.name,
        template.source,
        err.pos,
        `executing at <${err.at}>: ${err.message}`,
        err.cause,
      );
    }
    throw err;
  }
  return state.out.join('');
}

class ExecState {
  readonly out: string[] = [];

  constructor(
    private readonly template: ParsedTemplate,
    private readonly functions: FunctionMap,
  ) {}

  walkList(vars: Variable[], dot: unknown, nodes: readonly TemplateNode[], depth: number): void {
    for (const node of nodes) this.walk(vars, dot, node, depth);
  }

  private walk(vars: Variable[], dot: unknown, node: TemplateNode, depth: number): void {
    switch (node.kind) {
      case 'text':
        this.out.push(node.text);
        return;
      case 'action': {
        const value = this.pipeline(vars, dot, node.pipe);
        if (node.pipe.variables.length === 0) this.out.push(printableValue(value));
        return;
      }
      case 'if':
      case 'with': {
        const mark = vars.length;
        const value = this.pipeline(vars, dot, node.pipe);
        if (isTrue(value)) this.walkList(vars, node.kind === 'with' ? value : dot, node.body, depth);
        else if (node.elseBody) this.walkList(vars, dot, node.elseBody, depth);
        vars.length = mark;
        return;
      }
      case 'range':
        this.range(vars, dot, node, depth);
        return;
      case 'template': {
        const body = this.template.defined.get(node.name);
        if (!body)
          throw new ExecError(node.pos, `template "${node.name}"`, `no such template "${node.name}"`);
        if (depth >= maxDepth)
          throw new ExecError(
            node.pos,
            `template "${node.name}"`,
            `exceeded maximum template depth (${maxDepth})`,
          );
        const value = node.pipe ? this.pipeline(vars, dot, node.pipe) : undefined;
        this.walkList([{ name: '$', value }], value, body, depth + 1);
        return;
      }
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
    }
  }

  private range(vars: Variable[], dot: unknown, node: ControlNode, depth: number): void {
    const mark = vars.length;
    const value = this.commands(vars, dot, node.pipe);
    const entries = this.rangeEntries(value, node.pipe);
    const names = node.pipe.variables;
    if (entries.length === 0) {
      if (node.elseBody) this.walkList(vars, dot, node.elseBody, depth);
      vars.length = mark;
      return;
    }
    for (const [key, elem] of entries) {
      vars.length = mark;
      if (names.length === 1) this.bind(vars, names[0]!, elem, node.pipe.assign);
      if (names.length === 2) {
        this.bind(vars, names[0]!, key, node.pipe.assign);
        this.bind(vars, names[1]!, elem, node.pipe.assign);
      }
      try {
        this.walkList(vars, elem, node.body, depth);
      } catch (signal) {
        if (signal instanceof Break) break;
        if (!(signal instanceof Continue)) throw signal;
      }
    }
    vars.length = mark;
  }

  private rangeEntries(value: unknown, pipe: Pipeline): [unknown, unknown][] {
    if (isNil(value)) return [];
    if (Array.isArray(value)) return value.map((v, i) => [i, v]);
    if (isMap(value))
      return Object.keys(value)
        .sort()
        .map((k) => [k, value[k]]);
    if (typeof value === 'number' && Number.isInteger(value)) {
      if (pipe.variables.length > 1)
        throw new ExecError(pipe.pos, pipe.text, `can't use ${value} to iterate over more than one variable`);
      return Array.from({ length: Math.max(0, value) }, (_, i) => [i, i]);
    }
    throw new ExecError(pipe.pos, pipe.text, `range can't iterate over ${printableValue(value)}`);
  }

  private bind(vars: Variable[], name: string, value: unknown, assign: boolean): void {
    if (!assign) {
      vars.push({ name, value });
      return;
    }
    const target = this.lookup(vars, name, 0, name);
    target.value = value;
  }

  /** A pipeline's value, declaring or assigning its variables. */
  private pipeline(vars: Variable[], dot: unknown, pipe: Pipeline): unknown {
    const value = this.commands(vars, dot, pipe);
    for (const name of pipe.variables) this.bind(vars, name, value, pipe.assign);
    return value;
  }

  private commands(vars: Variable[], dot: unknown, pipe: Pipeline): unknown {
    let value: unknown;
    pipe.commands.forEach((cmd, i) => {
      value = this.command(vars, dot, cmd, pipe, i > 0 ? { value } : undefined);
    });
    return value;
  }

  private command(
    vars: Variable[],
    dot: unknown,
    cmd: Command,
    pipe: Pipeline,
    final?: { value: unknown },
  ): unknown {
    const [first, ...rest] = cmd.args as [Operand, ...Operand[]];
    const noArgs = () => {
      if (rest.length > 0 || final)
        throw new ExecError(
          first.pos,
          pipe.text,
          `can't give argument to non-function ${describeOperand(first)}`,
        );
    };
    switch (first.kind) {
      case 'function':
        return this.call(vars, dot, first.name, first.pos, rest, pipe, final);
      case 'field':
        return this.fieldChain(vars, dot, dot, first.path, first.pos, pipe, rest.length > 0 || !!final);
      case 'variable': {
        const v = this.lookup(vars, first.name, first.pos, pipe.text).value;
        return this.fieldChain(vars, dot, v, first.path, first.pos, pipe, rest.length > 0 || !!final);
      }
      case 'chain': {
        const v = this.operand(vars, dot, first.operand, pipe);
        return this.fieldChain(vars, dot, v, first.path, first.pos, pipe, rest.length > 0 || !!final);
      }
      case 'nil':
        throw new ExecError(first.pos, pipe.text, 'nil is not a command');
      default:
        noArgs();
        return this.operand(vars, dot, first, pipe);
    }
  }

  /** An operand used as an argument (a function name is called without arguments). */
  private operand(vars: Variable[], dot: unknown, op: Operand, pipe: Pipeline): unknown {
    switch (op.kind) {
      case 'dot':
        return dot;
      case 'string':
      case 'number':
      case 'bool':
        return op.value;
      case 'nil':
        return null;
      case 'field':
        return this.fieldChain(vars, dot, dot, op.path, op.pos, pipe, false);
      case 'variable':
        return this.fieldChain(
          vars,
          dot,
          this.lookup(vars, op.name, op.pos, pipe.text).value,
          op.path,
          op.pos,
          pipe,
          false,
        );
      case 'chain':
        return this.fieldChain(
          vars,
          dot,
          this.operand(vars, dot, op.operand, pipe),
          op.path,
          op.pos,
          pipe,
          false,
        );
      case 'pipeline': {
        const mark = vars.length;
        const value = this.pipeline(vars, dot, op.pipe);
        vars.length = mark;
        return value;
      }
      case 'function':
        return this.call(vars, dot, op.name, op.pos, [], pipe, undefined);
    }
  }

  private fieldChain(
    _vars: Variable[],
    _dot: unknown,
    receiver: unknown,
    path: readonly string[],
    pos: number,
    pipe: Pipeline,
    hasArgs: boolean,
  ): unknown {
    let v = receiver;
    path.forEach((name, i) => {
      if (hasArgs && i === path.length - 1) {
        throw new ExecError(pos, pipe.text, `${name} is not a method but has arguments`);
      }
      v = this.field(v, name, pos, pipe);
    });
    if (hasArgs && path.length === 0) {
      throw new ExecError(pos, pipe.text, `can't give argument to non-function ${pipe.text}`);
    }
    return v;
  }

  private field(receiver: unknown, name: string, pos: number, pipe: Pipeline): unknown {
    if (receiver === undefined) return undefined; // a missing key's fields are missing too
    if (receiver === null) throw new ExecError(pos, pipe.text, `nil pointer evaluating interface {}.${name}`);
    if (receiver instanceof GoStruct) {
      if (!Object.hasOwn(receiver.fields, name)) {
        throw new ExecError(pos, pipe.text, `can't evaluate field ${name} in type ${receiver.typeName}`);
      }
      return receiver.fields[name];
    }
    if (isMap(receiver)) return Object.hasOwn(receiver, name) ? receiver[name] : undefined;
    throw new ExecError(pos, pipe.text, `can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private call(
    vars: Variable[],
    dot: unknown,
    name: string,
    pos: number,
    argOps: readonly Operand[],
    pipe: Pipeline,
    final: { value: unknown } | undefined,
  ): unknown {
    const count = argOps.length + (final ? 1 : 0);
    if (name === 'and' || name === 'or') {
      if (count === 0)
        throw new ExecError(pos, pipe.text, `wrong number of args for ${name}: want at least 1 got 0`);
      let v: unknown;
      for (let i = 0; i < count; i++) {
        v = i < argOps.length ? this.operand(vars, dot, argOps[i]!, pipe) : final!.value;
        if (isTrue(v) === (name === 'or')) return v;
      }
      return v;
    }
    const fn = this.functions[name];
    if (!fn) throw new ExecError(pos, pipe.text, `function "${name}" not defined`);
    if (count < fn.min || (fn.max !== undefined && count > fn.max)) {
      const want =
        fn.max === undefined
          ? `at least ${fn.min}`
          : fn.min === fn.max
            ? `${fn.min}`
            : `${fn.min} to ${fn.max}`;
      throw new ExecError(pos, pipe.text, `wrong number of args for ${name}: want ${want} got ${count}`);
    }
    const args = argOps.map((op) => this.operand(vars, dot, op, pipe));
    if (final) args.push(final.value);
    try {
      return fn.fn(...args);
    } catch (err) {
      if (err instanceof ExecError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new ExecError(pos, pipe.text, `error calling ${name}: ${message}`, { cause: err });
    }
  }

  private lookup(vars: Variable[], name: string, pos: number, at: string): Variable {
    for (let i = vars.length - 1; i >= 0; i--) if (vars[i]!.name === name) return vars[i]!;
    throw new ExecError(pos, at, `undefined variable: ${name}`);
  }
}

function describeOperand(op: Operand): string {
  switch (op.kind) {
    case 'string':
      return JSON.stringify(op.value);
    case 'number':
      return op.text;
    case 'bool':
      return String(op.value);
    case 'dot':
      return '.';
    default:
      return op.kind;
  }
}
