// sprig's list and dict functions and its "default"/flow functions (default, empty, coalesce, ternary, fail).
import { isMap, isNil, isTrue, toStringValue, type GoMap } from './go-values.js';
import { toInt } from './sprig-math.js';
import { fixed, variadic, type FunctionMap } from './template-function.js';

/** sprig's `empty`: nil, false, 0, and empty strings, lists and maps. */
export function isEmpty(v: unknown): boolean {
  return !isTrue(v);
}

function asMap(v: unknown, fn: string): GoMap {
  if (!isMap(v)) throw new Error(`${fn}: expected a dict, got ${isNil(v) ? 'nil' : typeof v}`);
  return v;
}

function asList(v: unknown, fn: string): unknown[] {
  if (isNil(v)) return [];
  if (!Array.isArray(v)) throw new Error(`Cannot ${fn} on type ${typeof v}`);
  return v;
}

function dict(...pairs: unknown[]): GoMap {
  const out: GoMap = {};
  for (let i = 0; i < pairs.length; i += 2)
    out[toStringValue(pairs[i])] = i + 1 < pairs.length ? pairs[i + 1] : '';
  return out;
}

/** `dig "a" "b" default dict`: the value at a path of keys, or the default. */
function dig(...args: unknown[]): unknown {
  if (args.length < 3) throw new Error('dig needs at least three arguments');
  const dictArg = args[args.length - 1];
  const fallback = args[args.length - 2];
  let v: unknown = asMap(dictArg, 'dig');
  for (const key of args.slice(0, -2)) {
    if (!isMap(v) || !Object.hasOwn(v, toStringValue(key))) return fallback;
    v = v[toStringValue(key)];
  }
  return v;
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** List, dict and flow functions of sprig. */
export const sprigCollectionFunctions: FunctionMap = {
  default: variadic(1, (fallback: unknown, ...given: unknown[]) =>
    given.length === 0 || isEmpty(given[0]) ? fallback : given[0],
  ),
  empty: fixed(1, isEmpty),
  coalesce: variadic(0, (...args: unknown[]) => args.find((a) => !isEmpty(a)) ?? null),
  ternary: fixed(3, (whenTrue: unknown, whenFalse: unknown, cond: unknown) =>
    cond === true ? whenTrue : whenFalse,
  ),
  fail: fixed(1, (message: unknown) => {
    throw new Error(toStringValue(message));
  }),
  list: variadic(0, (...items: unknown[]) => items),
  dict: variadic(0, dict),
  get: fixed(2, (d: unknown, key: unknown) => {
    const m = asMap(d, 'get');
    return Object.hasOwn(m, toStringValue(key)) ? m[toStringValue(key)] : '';
  }),
  set: fixed(3, (d: unknown, key: unknown, value: unknown) => {
    const m = asMap(d, 'set');
    m[toStringValue(key)] = value;
    return m;
  }),
  unset: fixed(2, (d: unknown, key: unknown) => {
    const m = asMap(d, 'unset');
    delete m[toStringValue(key)];
    return m;
  }),
  hasKey: fixed(2, (d: unknown, key: unknown) => Object.hasOwn(asMap(d, 'hasKey'), toStringValue(key))),
  keys: variadic(0, (...dicts: unknown[]) => dicts.flatMap((d) => Object.keys(asMap(d, 'keys'))).sort()),
  values: fixed(1, (d: unknown) => {
    const m = asMap(d, 'values');
    return Object.keys(m)
      .sort()
      .map((k) => m[k]);
  }),
  pick: variadic(1, (d: unknown, ...keys: unknown[]) => {
    const m = asMap(d, 'pick');
    return Object.fromEntries(
      keys
        .map(toStringValue)
        .filter((k) => Object.hasOwn(m, k))
        .map((k) => [k, m[k]]),
    );
  }),
  omit: variadic(1, (d: unknown, ...keys: unknown[]) => {
    const drop = new Set(keys.map(toStringValue));
    return Object.fromEntries(Object.entries(asMap(d, 'omit')).filter(([k]) => !drop.has(k)));
  }),
  merge: variadic(1, (dst: unknown, ...srcs: unknown[]) => {
    const out = asMap(dst, 'merge');
    for (const src of srcs)
      for (const [k, v] of Object.entries(asMap(src, 'merge'))) if (!Object.hasOwn(out, k)) out[k] = v;
    return out;
  }),
  dig: variadic(3, dig),
  first: fixed(1, (l: unknown) => asList(l, 'first')[0] ?? null),
  last: fixed(1, (l: unknown) => asList(l, 'last').at(-1) ?? null),
  rest: fixed(1, (l: unknown) => asList(l, 'rest').slice(1)),
  initial: fixed(1, (l: unknown) => asList(l, 'initial').slice(0, -1)),
  append: fixed(2, (l: unknown, v: unknown) => [...asList(l, 'append'), v]),
  prepend: fixed(2, (l: unknown, v: unknown) => [v, ...asList(l, 'prepend')]),
  concat: variadic(0, (...lists: unknown[]) => lists.flatMap((l) => asList(l, 'concat'))),
  reverse: fixed(1, (l: unknown) => [...asList(l, 'reverse')].reverse()),
  uniq: fixed(1, (l: unknown) =>
    asList(l, 'uniq').filter((v, i, all) => all.findIndex((o) => equal(o, v)) === i),
  ),
  compact: fixed(1, (l: unknown) => asList(l, 'compact').filter((v) => !isEmpty(v))),
  without: variadic(1, (l: unknown, ...drop: unknown[]) =>
    asList(l, 'without').filter((v) => !drop.some((d) => equal(d, v))),
  ),
  has: fixed(2, (needle: unknown, l: unknown) => asList(l, 'has').some((v) => equal(v, needle))),
  sortAlpha: fixed(1, (l: unknown) => asList(l, 'sortAlpha').map(toStringValue).sort()),
  slice: variadic(1, (l: unknown, ...bounds: unknown[]) => {
    const list = asList(l, 'slice');
    const [from = 0, to = list.length] = bounds.map(toInt);
    return list.slice(from, to);
  }),
};
