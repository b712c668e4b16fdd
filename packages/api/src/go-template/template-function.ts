// How a template function is declared: the implementation and how many arguments it takes.

/** A function callable from templates. Throwing an Error makes the template fail with its message. */
export interface TemplateFunction {
  readonly fn: (...args: unknown[]) => unknown;
  /** Fewest arguments accepted. */
  readonly min: number;
  /** Most arguments accepted; undefined means variadic. */
  readonly max?: number;
}

/** Functions by name, as templates call them. */
export type FunctionMap = Readonly<Record<string, TemplateFunction>>;

/** A function of exactly `arity` arguments. */
export function fixed(arity: number, fn: (...args: never[]) => unknown): TemplateFunction {
  return { fn: fn as TemplateFunction['fn'], min: arity, max: arity };
}

/** A function of at least `min` arguments. */
export function variadic(min: number, fn: (...args: never[]) => unknown): TemplateFunction {
  return { fn: fn as TemplateFunction['fn'], min };
}
