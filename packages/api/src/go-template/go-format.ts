// fmt.Sprintf and strconv.Quote as Go templates see them: the verbs templates use.
import { formatNumber, formatValue, goTypeName, isMap, isNil } from './go-values.js';

/** strconv.Quote: a double-quoted Go string literal, non-printable characters escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(ch)) {
      out +=
        cp > 0xffff ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/**
 * fmt.Sprintf for the verbs `%v %s %d %q %x %X %o %b %f %F %e %g %t %c %T %%`, with flags `-+0 #`, width
 * and precision. A missing operand prints `%!v(MISSING)`, a wrong one `%!d(string=x)`, an extra one
 * `%!(EXTRA type=value)`, as Go does.
 */
export function goSprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argIndex = 0;
  const re = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = '', widthText, precText, verb = 'v'] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const width = widthText === '*' ? Number(args[argIndex++]) : widthText ? Number(widthText) : undefined;
    const hasPrec = m[0].includes('.');
    const prec =
      precText === '*' ? Number(args[argIndex++]) : precText ? Number(precText) : hasPrec ? 0 : undefined;
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argIndex++];
    out += pad(formatVerb(verb, arg, flags, prec), width, flags);
  }
  out += format.slice(last);
  if (argIndex < args.length) {
    out += `%!(EXTRA ${args
      .slice(argIndex)
      .map((a) => `${goTypeName(a)}=${formatValue(a)}`)
      .join(', ')})`;
  }
  return out;
}

function formatVerb(verb: string, arg: unknown, flags: string, prec: number | undefined): string {
  const bad = () => `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
  const sign = (n: number, s: string) => (n >= 0 && flags.includes('+') ? '+' + s : s);
  switch (verb) {
    case 'v':
      return typeof arg === 'number' ? sign(arg, formatNumber(arg)) : formatValue(arg);
    case 's':
      if (typeof arg === 'number' || typeof arg === 'boolean') return bad();
      return prec === undefined ? formatValue(arg) : [...formatValue(arg)].slice(0, prec).join('');
    case 'q':
      if (typeof arg === 'string') return goQuote(arg);
      if (typeof arg === 'number' && Number.isInteger(arg)) return `'${String.fromCodePoint(arg)}'`;
      return bad();
    case 'd':
      return typeof arg === 'number' && Number.isInteger(arg) ? sign(arg, String(arg)) : bad();
    case 'c':
      return typeof arg === 'number' && Number.isInteger(arg) ? String.fromCodePoint(arg) : bad();
    case 'x':
    case 'X': {
      let hex: string;
      if (typeof arg === 'number' && Number.isInteger(arg)) hex = arg.toString(16);
      else if (typeof arg === 'string') hex = Buffer.from(arg, 'utf8').toString('hex');
      else return bad();
      if (flags.includes('#')) hex = '0x' + hex;
      return verb === 'X' ? hex.toUpperCase() : hex;
    }
    case 'o':
    case 'b':
      return typeof arg === 'number' && Number.isInteger(arg) ? arg.toString(verb === 'o' ? 8 : 2) : bad();
    case 'f':
    case 'F':
      return typeof arg === 'number' ? sign(arg, arg.toFixed(prec ?? 6)) : bad();
    case 'e':
    case 'E': {
      if (typeof arg !== 'number') return bad();
      const [m, e] = arg.toExponential(prec ?? 6).split('e') as [string, string];
      const n = Number(e);
      const s = `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
      return sign(arg, verb === 'E' ? s.toUpperCase() : s);
    }
    case 'g':
    case 'G':
      return typeof arg === 'number'
        ? sign(arg, prec === undefined ? formatNumber(arg) : arg.toPrecision(prec))
        : bad();
    case 't':
      return typeof arg === 'boolean' ? String(arg) : bad();
    case 'T':
      return isNil(arg) ? '<nil>' : isMap(arg) ? 'map[string]interface {}' : goTypeName(arg);
    default:
      return `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
  }
}

function pad(s: string, width: number | undefined, flags: string): string {
  if (width === undefined || [...s].length >= width) return s;
  const fill = width - [...s].length;
  if (flags.includes('-')) return s + ' '.repeat(fill);
  if (flags.includes('0') && /^[+-]?[0-9]/.test(s)) {
    const signChar = /^[+-]/.test(s) ? s[0] : '';
    return signChar + '0'.repeat(fill) + s.slice(signChar.length);
  }
  return ' '.repeat(fill) + s;
}
