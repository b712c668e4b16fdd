import { stringify } from 'yaml';

export { OUTPUT_FORMATS } from './output-formats.js';
export type { OutputFormat } from './output-formats.js';

/** Renders data as JSON (2-space indent) or YAML (no line folding), each ending with a newline. */
export function renderData(value: unknown, format: 'json' | 'yaml'): string {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Renders several Kubernetes objects: a YAML stream (`---` separated) or a JSON `List`. */
export function renderObjects(objects: readonly unknown[], format: 'json' | 'yaml'): string {
  if (format === 'json') {
    return objects.length === 1
      ? renderData(objects[0], 'json')
      : renderData({ apiVersion: 'v1', kind: 'List', items: objects }, 'json');
  }
  return objects.map((object) => `---\n${renderData(object, 'yaml')}`).join('');
}
