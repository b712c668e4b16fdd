import { childField, indexField } from '../errors/field-path.js';
import { scoreSchemaRules } from './score-schema-rules.js';
import type { ScoreContainerFile, ScoreContainerVolume } from './score-workload.js';
import type { FieldReader } from '../field-reader/field-reader.js';

const fileKeys = ['mode', 'source', 'content', 'binaryContent', 'noExpand'];
const volumeKeys = ['source', 'path', 'readOnly'];

/**
 * Reads `files` in either form the schema allows and returns the map form, keyed by target path:
 * the map form as is, or the deprecated list form (each item with a `target`). Like score-go's
 * `ApplyCommonUpgradeTransforms`, list items may still carry `content` as a list of lines (joined
 * with `\n`). Exactly one of `source`, `content` or `binaryContent` is required.
 */
export function readContainerFiles(
  reader: FieldReader,
  value: unknown,
  field: string,
): Record<string, ScoreContainerFile> | undefined {
  return readMounts(reader, value, field, (map, at, legacy) => {
    reader.onlyKeys(map, at, legacy ? ['target', ...fileKeys] : fileKeys);
    const content =
      legacy && Array.isArray(map.content) ? map.content.map((line) => String(line)).join('\n') : map.content;
    const file = {
      mode: reader.string(map.mode, `${at}.mode`, scoreSchemaRules.fileMode),
      source: reader.string(map.source, `${at}.source`, { minLength: 1 }),
      content: reader.string(content, `${at}.content`),
      binaryContent: reader.string(map.binaryContent, `${at}.binaryContent`),
      noExpand: reader.boolean(map.noExpand, `${at}.noExpand`),
    };
    const given = (['source', 'content', 'binaryContent'] as const).filter((key) => map[key] !== undefined);
    if (given.length !== 1) {
      const got = given.length === 0 ? 'none' : given.join(' and ');
      reader.add(at, `exactly one of source, content or binaryContent is required; got ${got}`);
    }
    return Object.fromEntries(Object.entries(file).filter(([, item]) => item !== undefined));
  });
}

/**
 * Reads `volumes` in either form and returns the map form keyed by target path. List items use
 * `target`; the old `read_only` spelling becomes `readOnly`, as score-go's upgrade transforms do.
 */
export function readContainerVolumes(
  reader: FieldReader,
  value: unknown,
  field: string,
): Record<string, ScoreContainerVolume> | undefined {
  return readMounts(reader, value, field, (map, at, legacy) => {
    const readOnly = legacy && map.readOnly === undefined ? map.read_only : map.readOnly;
    reader.onlyKeys(map, at, legacy ? ['target', 'read_only', ...volumeKeys] : volumeKeys);
    const volume = {
      source: reader.string(map.source, `${at}.source`, { required: true }),
      path: reader.string(map.path, `${at}.path`),
      readOnly: reader.boolean(readOnly, `${at}.readOnly`),
    };
    return Object.fromEntries(Object.entries(volume).filter(([, item]) => item !== undefined));
  }) as Record<string, ScoreContainerVolume> | undefined;
}

function readMounts<T>(
  reader: FieldReader,
  value: unknown,
  field: string,
  readItem: (map: Record<string, unknown>, field: string, legacy: boolean) => T,
): Record<string, T> | undefined {
  if (value === undefined || value === null) return undefined;
  const out: Record<string, T> = {};
  if (Array.isArray(value)) {
    const seen = new Map<string, number>();
    value.forEach((item, index) => {
      const at = indexField(field, index);
      const map = reader.mapping(item, at, { required: true });
      if (map === undefined) return;
      const target = reader.string(map.target, `${at}.target`, { required: true, minLength: 1 });
      const mount = readItem(map, at, true);
      if (target === undefined) return;
      const first = seen.get(target);
      if (first !== undefined) {
        reader.add(`${at}.target`, `duplicates ${indexField(field, first)}.target ${JSON.stringify(target)}`);
        return;
      }
      seen.set(target, index);
      out[target] = mount;
    });
    return out;
  }
  const map = reader.mapping(value, field);
  if (map === undefined) return undefined;
  for (const [target, item] of Object.entries(map)) {
    const at = childField(field, target);
    if (target === '') reader.add(at, 'target path must not be empty');
    const entry = reader.mapping(item, at, { required: true });
    if (entry === undefined) continue;
    if (entry.target !== undefined) {
      reader.add(`${at}.target`, 'not allowed in the map form; the map key is the target path');
    }
    const { target: _target, ...rest } = entry;
    out[target] = readItem(rest, at, false);
  }
  return out;
}
