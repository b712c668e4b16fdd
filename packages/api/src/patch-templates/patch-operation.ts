// The patch format of score-k8s and score-compose: a YAML (or JSON) list of set/delete operations.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ScoreApiError } from '../errors/api.error.js';

/** One operation a patch template asks for, in score-k8s's format. */
export interface PatchOperation {
  readonly op: 'set' | 'delete';
  /** A `.`-separated path (sjson syntax, see `parsePatchPath`) into the list of manifests. */
  readonly path: string;
  /** What `set` puts at `path` (null when absent, as in score-k8s). */
  readonly value?: unknown;
  /** Shown in status and logs when the operation is applied. */
  readonly description?: string;
}

const fields = new Set(['op', 'path', 'value', 'description']);
const ops = ['set', 'delete'] as const;

/**
 * Reads what a patch template rendered: empty (no operations) or a list of operations with only the fields
 * `op` (`set` or `delete`), `path`, `value` and `description`, as score-k8s decodes it (unknown fields are
 * errors; a numeric path such as `-1` is read as its text).
 *
 * @throws ScoreApiError `Patch` naming the template, the operation's number (from 1) and the field; the
 *   message never quotes a value.
 */
export function readPatchOperations(text: string, template: string): PatchOperation[] {
  if (text.trim() === '') return [];
  const fail = (message: string): never => {
    throw new ScoreApiError('Patch', `patch template ${template}: ${message}`);
  };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    fail(
      `rendered invalid YAML at line ${err.linePos?.[0].line ?? '?'} (${err.code}); expected a list of patches`,
    );
  }
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) return fail('rendered something that is not a list of patches');
  return doc.contents.items.map((node, i): PatchOperation => {
    const at = `patch ${i + 1}`;
    if (!isMap(node)) return fail(`${at}: expected a map with op, path, value and description`);
    const get = (key: string) =>
      node.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (!fields.has(key))
        fail(`${at}: unknown field ${JSON.stringify(key)}; use op, path, value, description`);
    }
    const op = get('op');
    const opValue = isScalar(op) ? op.value : undefined;
    if (!ops.includes(opValue as (typeof ops)[number]))
      fail(`${at}: op must be one of ${ops.join(', ')}${op === undefined ? ' (it is missing)' : ''}`);
    const path = get('path');
    // yaml.v3 reads `path: -1` or `path: 0` into a string field as written: keep the source text.
    const pathText = !isScalar(path) || path.value === null ? undefined : scalarText(path);
    if (pathText === undefined || typeof path !== 'object' || pathText === '')
      fail(`${at}: path is required (a .-separated path such as 0.spec.replicas)`);
    const description = get('description');
    if (description !== undefined && !(isScalar(description) && typeof description.value === 'string'))
      fail(`${at}: description must be a string`);
    const value = node.has('value') ? (node.toJSON() as Record<string, unknown>).value : undefined;
    return {
      op: opValue as PatchOperation['op'],
      path: pathText!,
      ...(opValue === 'set' ? { value: value ?? null } : {}),
      ...(description === undefined
        ? {}
        : { description: String((description as { value: unknown }).value) }),
    };
  });
}

/** A scalar as yaml.v3 decodes it into a string field: a number as written (`0.10` stays `0.10`). */
function scalarText(node: { value: unknown; source?: string }): string {
  return typeof node.value === 'number' ? (node.source ?? String(node.value)) : String(node.value);
}
