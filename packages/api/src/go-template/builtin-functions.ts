// The functions every Go template has (text/template's builtins), except `and` / `or`, which the evaluator
// runs itself because they only evaluate the arguments they need.
import { goSprintf } from './go-format.js';
import { goTypeName, isMap, isNil, isTrue, missingElement, sprint, sprintln } from './go-values.js';
import { fixed, variadic, type FunctionMap } from './template-function.js';

/** Names the evaluator handles itself (short-circuit), listed so they count as known. */
export const shortCircuitFunctions = ['and', 'or'] as const;

type Comparable = 'bool' | 'number' | 'string' | 'nil';

function comparableKind(v: unknown, fn: string): Comparable {
  if (isNil(v)) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  throw new Error(`${fn}: non-comparable type ${goTypeName(v)}`);
}

function eq(first: unknown, ...others: unknown[]): boolean {
  const k1 = comparableKind(first, 'eq');
  return others.some((other) => {
    const k2 = comparableKind(other, 'eq');
    if (k1 === 'nil' || k2 === 'nil') return k1 === k2;
    if (k1 !== k2) throw new Error('incompatible types for comparison');
    return first === other;
  });
}

function less(a: unknown, b: unknown, fn: string): boolean {
  const ka = comparableKind(a, fn);
  const kb = comparableKind(b, fn);
  if (ka === 'bool' || ka === 'nil' || kb === 'bool' || kb === 'nil')
    throw new Error('invalid type for comparison');
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

function index(item: unknown, ...keys: unknown[]): unknown {
  let v = item;
  for (const key of keys) {
    if (Array.isArray(v) || typeof v === 'string') {
      if (typeof key !== 'number' || !Number.isInteger(key))
        throw new Error(`cannot index slice/array with type ${goTypeName(key)}`);
      const seq = typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
      if (key < 0 || key >= seq.length) throw new Error(`index out of range: ${key}`);
      v = seq[key];
    } else if (isMap(v)) {
      if (typeof key !== 'string') throw new Error(`value has type ${goTypeName(key)}; should be string`);
      v = Object.hasOwn(v, key) ? v[key] : missingElement(v);
    } else if (isNil(v)) {
      throw new Error('index of untyped nil');
    } else {
      throw new Error(`can't index item of type ${goTypeName(v)}`);
    }
  }
  return v;
}

function slice(item: unknown, ...bounds: unknown[]): unknown {
  if (typeof item !== 'string' && !Array.isArray(item))
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  if (bounds.length > 2) throw new Error('too many slice indexes');
  const [from = 0, to = item.length] = bounds as number[];
  if (from < 0 || to > item.length || from > to) throw new Error(`index out of range: ${from}:${to}`);
  return typeof item === 'string'
    ? Buffer.from(item, 'utf8').subarray(from, to).toString('utf8')
    : item.slice(from, to);
}

function length(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (Array.isArray(v)) return v.length;
  if (isMap(v)) return Object.keys(v).length;
  if (isNil(v)) throw new Error('len of nil pointer');
  throw new Error(`len of type ${goTypeName(v)}`);
}

const htmlEscapes: Record<string, string> = {
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\0': '\uFFFD',
};

function jsEscape(s: string): string {
  // eslint-disable-next-line no-control-regex -- Go's JSEscape escapes control characters too
  return s.replace(/[\\'"<>&=\u0000-\u001f]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === "'") return "\\'";
    if (c === '"') return '\\"';
    return '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  });
}

const evalArgs = (args: unknown[]) =>
  args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);

/** text/template's builtin functions (but `and`/`or`, see {@link shortCircuitFunctions}). */
export const builtinFunctions: FunctionMap = {
  not: fixed(1, (v: unknown) => !isTrue(v)),
  len: fixed(1, length),
  index: variadic(1, index),
  slice: variadic(1, slice),
  print: variadic(0, (...args: unknown[]) => sprint(args)),
  printf: variadic(1, (format: unknown, ...args: unknown[]) => goSprintf(String(format), args)),
  println: variadic(0, (...args: unknown[]) => sprintln(args)),
  eq: variadic(2, eq),
  ne: fixed(2, (a: unknown, b: unknown) => !eq(a, b)),
  lt: fixed(2, (a: unknown, b: unknown) => less(a, b, 'lt')),
  le: fixed(2, (a: unknown, b: unknown) => less(a, b, 'le') || eq(a, b)),
  gt: fixed(2, (a: unknown, b: unknown) => !less(a, b, 'gt') && !eq(a, b)),
  ge: fixed(2, (a: unknown, b: unknown) => !less(a, b, 'ge')),
  html: variadic(0, (...args: unknown[]) => evalArgs(args).replace(/["'&<>\0]/g, (c) => htmlEscapes[c]!)),
  js: variadic(0, (...args: unknown[]) => jsEscape(evalArgs(args))),
  urlquery: variadic(0, (...args: unknown[]) =>
    encodeURIComponent(evalArgs(args))
      .replace(/%20/g, '+')
      .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()),
  ),
};
