// score-k8s's patch paths (tidwall/sjson syntax) over plain JSON values: set and delete.
import { ScoreApiError } from '../errors/api.error.js';

/** One step of a path: an object key, or (for a numeric step over an array) an index; `-1` appends. */
interface PathStep {
  readonly key: string;
  /** Set for digits or `-1` without a leading `:`; such a step indexes arrays and keys objects. */
  readonly index?: number;
}

/**
 * Splits a patch path as sjson does: steps separated by `.`; `\` escapes the next character (`\.` for a
 * key with dots such as `k8s\.score\.dev/kind`); a numeric step indexes an array (`-1` is one past the
 * end); a step that starts with `:` is always an object key (`:0` is the key "0").
 *
 * @throws ScoreApiError `Patch` for an empty path or an empty step.
 */
export function parsePatchPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let key = '';
  let escaped = false;
  let forcedKey = false;
  const finish = () => {
    if (key === '' && !forcedKey)
      throw new ScoreApiError('Patch', `path ${JSON.stringify(path)} has an empty step`);
    const numeric = !forcedKey && /^(-1|\d+)$/.test(key);
    steps.push(numeric ? { key, index: Number(key) } : { key });
    key = '';
    forcedKey = false;
  };
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (escaped) {
      key += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === '.') {
      finish();
    } else if (c === ':' && key === '' && !forcedKey) {
      forcedKey = true;
    } else {
      key += c;
    }
  }
  if (path === '') throw new ScoreApiError('Patch', 'path is empty');
  finish();
  return steps;
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `root` with `value` set at `path` (a new value; `root` is not changed), as sjson sets it: missing steps,
 * and strings, numbers, booleans or nulls on the way, become an array for a numeric step, else an object;
 * setting past an array's end pads it with nulls.
 *
 * @throws ScoreApiError `Patch` for a step into an array that is not a number (or `-1`).
 */
export function setAtPath(root: Json, path: string, value: Json): Json {
  const steps = parsePatchPath(path);
  const set = (node: Json, at: number): Json => {
    const step = steps[at]!;
    const last = at === steps.length - 1;
    const child = (current: Json) => (last ? value : set(current, at + 1));
    // sjson replaces what is not a map or a list on the way (absent, null, a string...) by a new one.
    if (!Array.isArray(node) && !isObject(node)) node = step.index === undefined ? {} : [];
    if (Array.isArray(node) && step.index !== undefined) {
      const copy = [...node];
      const i = step.index === -1 ? copy.length : step.index;
      while (copy.length < i) copy.push(null);
      copy[i] = child(copy[i]);
      return copy;
    }
    if (isObject(node)) return { ...node, [step.key]: child(node[step.key]) };
    throw new ScoreApiError(
      'Patch',
      `path ${JSON.stringify(path)}: cannot set ${JSON.stringify(step.key)} in a list; use a number, or -1 to append`,
    );
  };
  return set(root, 0);
}

/** `root` without what `path` names (`-1`: an array's last item). A path that names nothing changes nothing. */
export function deleteAtPath(root: Json, path: string): Json {
  const steps = parsePatchPath(path);
  const del = (node: Json, at: number): Json => {
    const step = steps[at]!;
    const last = at === steps.length - 1;
    if (Array.isArray(node) && step.index !== undefined) {
      const i = step.index === -1 ? node.length - 1 : step.index;
      if (i < 0 || i >= node.length) return node;
      return last
        ? node.filter((_, j) => j !== i)
        : node.map((item, j) => (j === i ? del(item, at + 1) : item));
    }
    if (isObject(node) && Object.hasOwn(node, step.key)) {
      if (last) return Object.fromEntries(Object.entries(node).filter(([k]) => k !== step.key));
      return { ...node, [step.key]: del(node[step.key], at + 1) };
    }
    return node;
  };
  return del(root, 0);
}
