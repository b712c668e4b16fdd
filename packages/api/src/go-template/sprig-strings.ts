// sprig's string functions (github.com/Masterminds/sprig/v3), with Go's semantics: byte offsets, `%q` quoting.
import { goQuote } from './go-format.js';
import { formatValue, isNil, toStringValue } from './go-values.js';
import { toInt } from './sprig-math.js';
import { fixed, variadic, type FunctionMap } from './template-function.js';

const s = toStringValue;
const bytes = (v: string) => Buffer.from(v, 'utf8');

/** sprig's `strslice`: a list's non-nil elements as strings; a single value as a one-element list. */
export function toStringList(v: unknown): string[] {
  if (isNil(v)) return [];
  if (Array.isArray(v)) return v.filter((e) => !isNil(e)).map(s);
  return [s(v)];
}

function substr(start: unknown, end: unknown, str: unknown): string {
  const b = bytes(s(str));
  const from = toInt(start);
  const to = toInt(end);
  if (from < 0) return b.subarray(0, to).toString('utf8');
  if (to < 0 || to > b.length) return b.subarray(from).toString('utf8');
  return b.subarray(from, to).toString('utf8');
}

function trunc(count: unknown, str: unknown): string {
  const b = bytes(s(str));
  const c = toInt(count);
  if (c < 0 && b.length + c > 0) return b.subarray(b.length + c).toString('utf8');
  if (c >= 0 && b.length > c) return b.subarray(0, c).toString('utf8');
  return s(str);
}

function indent(spaces: unknown, str: unknown): string {
  const pad = ' '.repeat(Math.max(0, toInt(spaces)));
  return pad + s(str).replaceAll('\n', '\n' + pad);
}

function goSplit(str: string, sep: string): string[] {
  return sep === '' ? [...str] : str.split(sep);
}

function trimCutset(str: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(cutset);
  const chars = [...str];
  let from = 0;
  let to = chars.length;
  while (left && from < to && set.has(chars[from]!)) from++;
  while (right && to > from && set.has(chars[to - 1]!)) to--;
  return chars.slice(from, to).join('');
}

function regex(pattern: unknown): RegExp {
  try {
    return new RegExp(s(pattern), 'u');
  } catch (err) {
    throw new Error(`error parsing regexp: ${(err as Error).message}`);
  }
}

const title = (str: string) =>
  str.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());

/** String functions of sprig. */
export const sprigStringFunctions: FunctionMap = {
  upper: fixed(1, (v: unknown) => s(v).toUpperCase()),
  lower: fixed(1, (v: unknown) => s(v).toLowerCase()),
  title: fixed(1, (v: unknown) => title(s(v))),
  trim: fixed(1, (v: unknown) => s(v).trim()),
  trimAll: fixed(2, (cutset: unknown, v: unknown) => trimCutset(s(v), s(cutset), true, true)),
  trimPrefix: fixed(2, (prefix: unknown, v: unknown) =>
    s(v).startsWith(s(prefix)) ? s(v).slice(s(prefix).length) : s(v),
  ),
  trimSuffix: fixed(2, (suffix: unknown, v: unknown) =>
    s(suffix) !== '' && s(v).endsWith(s(suffix)) ? s(v).slice(0, -s(suffix).length) : s(v),
  ),
  replace: fixed(3, (old: unknown, replacement: unknown, src: unknown) =>
    goSplit(s(src), s(old)).join(s(replacement)),
  ),
  repeat: fixed(2, (count: unknown, v: unknown) => s(v).repeat(Math.max(0, toInt(count)))),
  substr: fixed(3, substr),
  trunc: fixed(2, trunc),
  nospace: fixed(1, (v: unknown) => s(v).replace(/\s+/gu, '')),
  contains: fixed(2, (sub: unknown, v: unknown) => s(v).includes(s(sub))),
  hasPrefix: fixed(2, (prefix: unknown, v: unknown) => s(v).startsWith(s(prefix))),
  hasSuffix: fixed(2, (suffix: unknown, v: unknown) => s(v).endsWith(s(suffix))),
  quote: variadic(0, (...args: unknown[]) =>
    args
      .filter((a) => !isNil(a))
      .map((a) => goQuote(s(a)))
      .join(' '),
  ),
  squote: variadic(0, (...args: unknown[]) =>
    args
      .filter((a) => !isNil(a))
      .map((a) => `'${s(a)}'`)
      .join(' '),
  ),
  cat: variadic(0, (...args: unknown[]) =>
    args
      .filter((a) => !isNil(a))
      .map(formatValue)
      .join(' '),
  ),
  indent: fixed(2, indent),
  nindent: fixed(2, (spaces: unknown, v: unknown) => '\n' + indent(spaces, v)),
  join: fixed(2, (sep: unknown, v: unknown) => toStringList(v).join(s(sep))),
  split: fixed(2, (sep: unknown, v: unknown) =>
    Object.fromEntries(goSplit(s(v), s(sep)).map((part, i) => [`_${i}`, part])),
  ),
  splitList: fixed(2, (sep: unknown, v: unknown) => goSplit(s(v), s(sep))),
  toString: fixed(1, (v: unknown) => s(v)),
  regexMatch: fixed(2, (pattern: unknown, v: unknown) => regex(pattern).test(s(v))),
  regexFind: fixed(2, (pattern: unknown, v: unknown) => regex(pattern).exec(s(v))?.[0] ?? ''),
  regexReplaceAll: fixed(3, (pattern: unknown, v: unknown, repl: unknown) =>
    s(v).replace(
      new RegExp(regex(pattern).source, 'gu'),
      s(repl).replace(/\$\{(\w+)\}/g, (_, g: string) => (/^\d+$/.test(g) ? `$${g}` : `$<${g}>`)),
    ),
  ),
};
