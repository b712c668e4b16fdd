// sprig's integer math and conversions: Go's int64 arithmetic (truncating), cast's lenient parsing.
import { fixed, variadic, type FunctionMap } from './template-function.js';

/** cast.ToInt64 as sprig uses it: numbers truncate, strings parse (else 0), bools are 1/0, nil is 0. */
export function toInt(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
    if (/^[+-]?\d+$/.test(t)) return parseInt(t, /^[+-]?0\d/.test(t) ? 8 : 10);
    return 0;
  }
  return 0;
}

/** cast.ToFloat64: numbers as they are, strings parsed (else 0), bools 1/0, nil 0. */
export function toFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return 0;
}

function divide(a: unknown, b: unknown, op: 'div' | 'mod'): number {
  const d = toInt(b);
  if (d === 0) throw new Error('runtime error: integer divide by zero');
  const n = toInt(a);
  return op === 'div' ? Math.trunc(n / d) : n % d;
}

/** sprig's integer math: every operand converted with {@link toInt}, results are integers. */
export const sprigMathFunctions: FunctionMap = {
  add: variadic(0, (...args: unknown[]) => args.reduce<number>((sum, a) => sum + toInt(a), 0)),
  add1: fixed(1, (a: unknown) => toInt(a) + 1),
  sub: fixed(2, (a: unknown, b: unknown) => toInt(a) - toInt(b)),
  mul: variadic(1, (a: unknown, ...rest: unknown[]) => rest.reduce<number>((p, v) => p * toInt(v), toInt(a))),
  div: fixed(2, (a: unknown, b: unknown) => divide(a, b, 'div')),
  mod: fixed(2, (a: unknown, b: unknown) => divide(a, b, 'mod')),
  max: variadic(1, (a: unknown, ...rest: unknown[]) => Math.max(toInt(a), ...rest.map(toInt))),
  min: variadic(1, (a: unknown, ...rest: unknown[]) => Math.min(toInt(a), ...rest.map(toInt))),
  int: fixed(1, (v: unknown) => toInt(v)),
  int64: fixed(1, (v: unknown) => toInt(v)),
  float64: fixed(1, (v: unknown) => toFloat(v)),
  atoi: fixed(1, (v: unknown) => (typeof v === 'string' && /^[+-]?\d+$/.test(v) ? parseInt(v, 10) : 0)),
  seq: variadic(1, (...args: unknown[]) => {
    const n = args.map(toInt);
    const [start, step, end] =
      n.length === 1
        ? [1, 1, n[0]!]
        : n.length === 2
          ? [n[0]!, n[0]! <= n[1]! ? 1 : -1, n[1]!]
          : [n[0]!, n[1]!, n[2]!];
    const out: number[] = [];
    if (step === 0) return '';
    for (let i = start; step > 0 ? i <= end : i >= end; i += step) out.push(i);
    return out.join(' ');
  }),
  until: fixed(1, (n: unknown) => Array.from({ length: Math.max(0, toInt(n)) }, (_, i) => i)),
};
