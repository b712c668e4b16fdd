import { describe, expect, it } from '@jest/globals';
import { LineCounter, parseDocument } from 'yaml';
import { locateField } from './locate-field.js';

const text = `spec:
  containers:
    web:
      image: nginx
      files:
        /etc/a.conf:
          content: hi
      volumes:
        - target: /data
          source: vol
  empty:
`;
const lineCounter = new LineCounter();
const doc = parseDocument(text, { lineCounter });
const at = (field: string) => {
  const { line, column } = locateField(doc, field, lineCounter);
  return `${line}:${column}`;
};

describe('locateField', () => {
  it.each([
    ['spec.containers.web.image', '4:14', 'a scalar: its value'],
    ['spec.containers.web', '3:5', 'a map: its key'],
    ['spec.containers[web].files[/etc/a.conf].content', '7:20', 'API-server map keys'],
    ['spec.containers.web.files./etc/a.conf.content', '7:20', 'dotted keys holding dots'],
    ['spec.containers.web.files["/etc/a.conf"].content', '7:20', 'JSON-quoted keys'],
    ['spec.containers.web.volumes[0].source', '10:19', 'list indexes'],
    ['spec.containers.web.volumes[/data].source', '10:19', 'list items by target'],
    ['spec.containers.web.command', '3:5', 'a missing field: the deepest key found'],
    ['spec.containers.db.image', '2:3', 'a missing map entry: its parent key'],
    ['spec.empty', '11:3', 'a key without a value'],
    ['', '1:1', 'the whole document'],
    ['(root)', '1:1', 'the root as the Score reader names it'],
  ])('%s is at %s (%s)', (field, position) => {
    expect(at(field)).toBe(position);
  });
});
