// sprig's encoding, hashing, JSON and random functions (plus Helm's toYaml), with Go's output formats.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { stringify as yamlStringify } from 'yaml';
import { GoStruct, isMap, toStringValue } from './go-values.js';
import { toInt } from './sprig-math.js';
import { fixed, variadic, type FunctionMap } from './template-function.js';

const s = toStringValue;

/** A value as encoding/json sees it: maps with sorted keys (Go marshals map keys in order), structs as maps. */
function jsonReady(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(jsonReady);
  if (v instanceof GoStruct) return jsonReady({ ...v.fields });
  if (isMap(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, jsonReady(v[k])]),
    );
  return v === undefined ? null : v;
}

/** json.Marshal: sorted keys and, unless `raw`, `<`, `>`, `&` escaped as Go does for HTML safety. */
export function goJson(v: unknown, options: { indent?: number; raw?: boolean } = {}): string {
  const text = JSON.stringify(jsonReady(v), null, options.indent) ?? 'null';
  const escaped = text.replace(/[\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16));
  return options.raw ? escaped : escaped.replace(/[<>&]/g, (c) => '\\u00' + c.charCodeAt(0).toString(16));
}

function b64dec(v: unknown): string {
  const text = s(v);
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) return `illegal base64 data at input byte ${bad.index}`;
  if (text.length % 4 !== 0 || /=[^=]/.test(text)) return `illegal base64 data at input byte ${text.length}`;
  return Buffer.from(text, 'base64').toString('utf8');
}

const alphabets = {
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alphaNum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  numeric: '0123456789',
  ascii: Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join(''),
};

function random(alphabet: string) {
  return fixed(1, (count: unknown) =>
    Array.from({ length: Math.max(0, toInt(count)) }, () => alphabet[randomInt(alphabet.length)]).join(''),
  );
}

/** Encoding, hashing, JSON/YAML and random functions. Random ones use a cryptographic source. */
export const sprigEncodingFunctions: FunctionMap = {
  b64enc: fixed(1, (v: unknown) => Buffer.from(s(v), 'utf8').toString('base64')),
  b64dec: fixed(1, b64dec),
  sha256sum: fixed(1, (v: unknown) => createHash('sha256').update(s(v), 'utf8').digest('hex')),
  sha1sum: fixed(1, (v: unknown) => createHash('sha1').update(s(v), 'utf8').digest('hex')),
  toJson: fixed(1, (v: unknown) => goJson(v)),
  toRawJson: fixed(1, (v: unknown) => goJson(v, { raw: true })),
  toPrettyJson: fixed(1, (v: unknown) => goJson(v, { indent: 2 })),
  fromJson: fixed(1, (v: unknown) => {
    try {
      return JSON.parse(s(v)) as unknown;
    } catch {
      return null;
    }
  }),
  toYaml: fixed(1, (v: unknown) => yamlStringify(jsonReady(v), { lineWidth: 0 }).replace(/\n$/, '')),
  uuidv4: variadic(0, () => randomUUID()),
  randAlphaNum: random(alphabets.alphaNum),
  randAlpha: random(alphabets.alpha),
  randNumeric: random(alphabets.numeric),
  randAscii: random(alphabets.ascii),
};
