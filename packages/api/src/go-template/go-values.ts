// Go's view of template data: maps, structs, nil and "no value", truth, and fmt's %v rendering.

/**
 * A Go struct as template data: its fields are fixed, and asking for another is an error (a map's missing
 * key is not). The data of score-k8s templates is such a struct (`.Params`, `.State`, ...).
 */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Readonly<Record<string, unknown>>,
  ) {}
}

/** A Go map: a plain object. */
export type GoMap = Record<string, unknown>;

const zeroElement = Symbol('go-map-zero-element');

/**
 * A Go map whose values are all of one struct type (e.g. score-k8s's `map[string]NetworkService`):
 * `index` of a missing key gives `zero`, that type's zero value, as Go does, instead of nil. Templates rely
 * on it (`{{ $w := index .WorkloadServices "x" }}{{ if not $w.ServiceName }}...`). `zero` is hidden
 * from iteration, `len` and JSON.
 */
export function typedMap(entries: Readonly<Record<string, unknown>>, zero: unknown): GoMap {
  const map: GoMap = { ...entries };
  Object.defineProperty(map, zeroElement, { value: zero, enumerable: false });
  return map;
}

/** What `index` gives for a key `map` lacks: the zero element of a {@link typedMap}, else nil. */
export function missingElement(map: GoMap): unknown {
  return (map as Record<symbol, unknown>)[zeroElement] ?? null;
}

/**
 * Whether `v` is a plain object. Its prototype is compared by shape, not with this realm's
 * `Object.prototype`: objects made by `structuredClone` or in a vm context (jest) come from another realm.
 */
export function isMap(v: unknown): v is GoMap {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof GoStruct) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Nil (null) or "no value" (undefined: a missing map key). */
export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
export function isTrue(v: unknown): boolean {
  if (isNil(v)) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

/** The Go type name of a value, for messages. */
export function goTypeName(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof GoStruct) return v.typeName;
  if (isMap(v)) return 'map[string]interface {}';
  return typeof v;
}

/** A number as Go prints it: integers in full, other floats as `%g` with the shortest digits. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const [mantissa, exp] = n.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 21 || (!Number.isInteger(n) && e >= 6)) {
    return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(n);
}

/** fmt's `%v` of a value: `<nil>`, `[a b]`, `map[k:v]` (sorted keys), `{f1 f2}` for structs. */
export function formatValue(v: unknown): string {
  if (isNil(v)) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (v instanceof GoStruct) return `{${Object.values(v.fields).map(formatValue).join(' ')}}`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${formatValue(v[k])}`).join(' ')}]`;
  }
  if (v instanceof Error) return v.message;
  return String(v);
}

/** What an action prints for a value: `<no value>` for nil or a missing key, otherwise `%v`. */
export function printableValue(v: unknown): string {
  return isNil(v) ? '<no value>' : formatValue(v);
}

/** sprig's `strval`: strings as they are, anything else as `%v`. */
export function toStringValue(v: unknown): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/** fmt.Sprint: operands joined, with a space between two operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(arg);
  });
  return out;
}

/** fmt.Sprintln: operands always separated by spaces, with a final newline. */
export function sprintln(args: readonly unknown[]): string {
  return args.map(formatValue).join(' ') + '\n';
}
