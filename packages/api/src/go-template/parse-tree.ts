// The parse tree of a Go text/template, as the parser builds it and the evaluator walks it.

/** A node of a template body. `pos` is an offset into the source, for error positions. */
export type TemplateNode =
  | { readonly kind: 'text'; readonly pos: number; readonly text: string }
  | { readonly kind: 'action'; readonly pos: number; readonly pipe: Pipeline }
  | ControlNode
  | { readonly kind: 'template'; readonly pos: number; readonly name: string; readonly pipe?: Pipeline }
  | { readonly kind: 'break' | 'continue'; readonly pos: number };

/** `if`, `with` or `range`: the body runs (for each element) when the pipeline's value is true (non-empty). */
export interface ControlNode {
  readonly kind: 'if' | 'with' | 'range';
  readonly pos: number;
  readonly pipe: Pipeline;
  readonly body: readonly TemplateNode[];
  readonly elseBody?: readonly TemplateNode[];
}

/** `$x := cmd | cmd`: declared (or assigned) variables and the commands, each fed the previous result. */
export interface Pipeline {
  readonly pos: number;
  /** Source text of the pipeline, for messages like `executing at <.State.x>`. */
  readonly text: string;
  readonly variables: readonly string[];
  /** `=` (assignment to existing variables) rather than `:=` (declaration). */
  readonly assign: boolean;
  readonly commands: readonly Command[];
}

/** A function call, or a single operand when it has one argument. */
export interface Command {
  readonly pos: number;
  readonly args: readonly Operand[];
}

/** An argument of a command. Field chains (`.A.B`, `$x.A`, `(pipe).A`) carry their path. */
export type Operand =
  | { readonly kind: 'dot'; readonly pos: number }
  | { readonly kind: 'field'; readonly pos: number; readonly path: readonly string[] }
  | {
      readonly kind: 'variable';
      readonly pos: number;
      readonly name: string;
      readonly path: readonly string[];
    }
  | {
      readonly kind: 'chain';
      readonly pos: number;
      readonly operand: Operand;
      readonly path: readonly string[];
    }
  | { readonly kind: 'pipeline'; readonly pos: number; readonly pipe: Pipeline }
  | { readonly kind: 'function'; readonly pos: number; readonly name: string }
  | { readonly kind: 'string'; readonly pos: number; readonly value: string }
  | { readonly kind: 'number'; readonly pos: number; readonly value: number; readonly text: string }
  | { readonly kind: 'bool'; readonly pos: number; readonly value: boolean }
  | { readonly kind: 'nil'; readonly pos: number };

/** A parsed template: its main body and the templates it defines with `define` / `block`. */
export interface ParsedTemplate {
  readonly name: string;
  readonly source: string;
  readonly body: readonly TemplateNode[];
  readonly defined: ReadonlyMap<string, readonly TemplateNode[]>;
}
