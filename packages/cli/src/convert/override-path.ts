// score-k8s's override semantics (score-go `framework.ParseDotPathParts`, `OverridePathInMap`,
// `OverrideMapInMap`), so `--override-property` and `--overrides-file` mean what they mean there.
import { parse } from 'yaml';
import { CliError } from '../errors/cli.error.js';

type Json = unknown;
type JsonMap = Record<string, Json>;

/**
 * Splits a dot path into keys; `\.` is a dot inside a key and `\\` a backslash:
 * `containers.web.variables.A\.B` is `['containers', 'web', 'variables', 'A.B']`.
 */
export function parseDotPath(path: string): string[] {
  return path
    .replaceAll('\\\\', '\u0001')
    .replaceAll('\\.', '\u0000')
    .split('.')
    .map((part) => part.replaceAll('\u0000', '.').replaceAll('\u0001', '\\'));
}

/**
 * Applies one `--override-property PATH=VALUE`: VALUE is parsed as YAML (`8080` is a number, `"8080"` a
 * string, `{a: 1}` a map) and set at PATH, creating maps on the way; an empty VALUE (`PATH=`) deletes PATH.
 * In a list, the key is an index, and `-1` appends. Returns a new object; the input is not changed.
 *
 * @throws CliError `Usage` for an entry without `=`, or a value that is not YAML; `Failure` when the path
 *   cannot be applied (an index out of range, a path through a scalar).
 */
export function applyOverrideProperty(target: JsonMap, entry: string): JsonMap {
  const eq = entry.indexOf('=');
  if (eq < 0) {
    throw new CliError(
      'Usage',
      `--override-property '${entry}' is invalid: expected PATH=VALUE (PATH= deletes)`,
    );
  }
  const path = parseDotPath(entry.slice(0, eq));
  const raw = entry.slice(eq + 1);
  let value: Json;
  if (raw !== '') {
    try {
      value = parse(raw) as Json;
    } catch (err) {
      throw new CliError(
        'Usage',
        `--override-property '${entry}' is invalid: the value is not YAML: ${String(err)}`,
      );
    }
  }
  try {
    return overrideInMap(target, path, raw === '', value);
  } catch (err) {
    throw new CliError(
      'Failure',
      `failed to apply --override-property '${entry}': ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

/**
 * Merges an overrides document into `target`: maps merge key by key, anything else replaces, and a `null`
 * value deletes the key. Returns a new object.
 */
export function mergeOverrides(target: JsonMap, overrides: JsonMap): JsonMap {
  const out: JsonMap = { ...target };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null || value === undefined) {
      delete out[key];
      continue;
    }
    const existing = out[key];
    out[key] = isMap(existing) && isMap(value) ? mergeOverrides(existing, value) : value;
  }
  return out;
}

function overrideInMap(input: JsonMap, path: readonly string[], remove: boolean, value: Json): JsonMap {
  const [key, ...rest] = path;
  if (key === undefined) throw new Error('cannot change the root');
  const out: JsonMap = { ...input };
  if (rest.length === 0) {
    if (remove || value === null) delete out[key];
    else out[key] = value;
    return out;
  }
  out[key] = overrideIn(out[key] === undefined ? {} : out[key], rest, remove, value, key);
  return out;
}

function overrideIn(node: Json, path: readonly string[], remove: boolean, value: Json, at: string): Json {
  try {
    if (isMap(node)) return overrideInMap(node, path, remove, value);
    if (Array.isArray(node)) return overrideInList(node, path, remove, value);
  } catch (err) {
    throw new Error(`${at}: ${(err as Error).message}`);
  }
  throw new Error(`${at}: cannot set a path inside a value that is neither a map nor a list`);
}

function overrideInList(
  input: readonly Json[],
  path: readonly string[],
  remove: boolean,
  value: Json,
): Json[] {
  const [key, ...rest] = path;
  if (key === undefined) throw new Error('cannot change the root');
  if (!/^-?\d+$/.test(key)) throw new Error(`'${key}' is not a list index`);
  const index = Number(key);
  const out = [...input];
  if (rest.length === 0) {
    if (remove || value === null) {
      if (index < 0 || index >= input.length)
        throw new Error(`cannot remove '${index}' from the list: out of range`);
      out.splice(index, 1);
      return out;
    }
    if (index === -1) return [...out, value];
    if (index < 0 || index >= input.length)
      throw new Error(`cannot set '${index}' in the list: out of range`);
    out[index] = value;
    return out;
  }
  if (index < 0 || index >= input.length) throw new Error(`'${index}' is out of range`);
  out[index] = overrideIn(out[index], rest, remove, value, key);
  return out;
}

function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
