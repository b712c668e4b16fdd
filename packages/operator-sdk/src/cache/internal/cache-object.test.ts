import { Worker } from 'node:worker_threads';
import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { toCacheObject } from './cache-object.js';
import { internString, MAX_INTERNED_LENGTH } from './interned-string.js';

const parsed = (): KubernetesObject =>
  JSON.parse(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', namespace: 'team', labels: { app: 'web' }, ownerReferences: [{ uid: 'u-1' }] },
      data: { short: 'x', long: 'y'.repeat(MAX_INTERNED_LENGTH + 1) },
    }),
  ) as KubernetesObject;

describe('toCacheObject', () => {
  it('stores each short string value as the interned copy, long ones as parsed, and freezes', () => {
    const seen: string[] = [];
    // Marks what it returns, so the stored object shows it holds the interner's strings.
    const cached = toCacheObject(parsed(), undefined, (value) => {
      seen.push(value);
      return `${value}!`;
    }) as KubernetesObject & { data: Record<string, string> };
    expect(seen.sort()).toEqual(['ConfigMap', 'a', 'team', 'u-1', 'v1', 'web', 'x']);
    expect(cached.metadata?.labels?.app).toBe('web!');
    expect(cached.metadata?.ownerReferences?.[0]?.uid).toBe('u-1!');
    expect(cached.data.long).toHaveLength(MAX_INTERNED_LENGTH + 1);
    expect(Object.isFrozen(cached.metadata?.ownerReferences?.[0])).toBe(true);
  });

  it('keeps values equal with the default interner', () => {
    expect(toCacheObject(parsed())).toEqual(parsed());
  });
});

// Counts the heap's copies of one string value in a fresh worker (a small heap of its own, so its
// snapshot is quick), after parsing the same JSON 50 times with and without `internString`.
async function copiesInWorker(intern: boolean): Promise<number> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const v8 = require('node:v8');
    const internString = ${internString.toString()};
    const marker = 'marker-' + Math.random().toString(36).slice(2);
    const json = JSON.stringify({ value: marker });
    const kept = [];
    for (let i = 0; i < 50; i++) {
      const obj = JSON.parse(json);
      if (${intern}) obj.value = internString(obj.value);
      kept.push(obj);
    }
    let text = '';
    const stream = v8.getHeapSnapshot();
    stream.on('data', (chunk) => (text += chunk));
    stream.on('end', () => {
      const { snapshot, nodes, strings } = JSON.parse(text);
      const fields = snapshot.meta.node_fields;
      const type = fields.indexOf('type');
      const name = fields.indexOf('name');
      const stringType = snapshot.meta.node_types[0].indexOf('string');
      let copies = 0;
      for (let i = 0; i < nodes.length; i += fields.length) {
        if (nodes[i + type] === stringType && strings[nodes[i + name]] === marker) copies++;
      }
      parentPort.postMessage({ copies, kept: kept.length });
    });
  `;
  const worker = new Worker(code, { eval: true });
  try {
    const { copies } = await new Promise<{ copies: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    return copies;
  } finally {
    await worker.terminate();
  }
}

describe('internString', () => {
  it('leaves one copy of a value parsed many times, where JSON.parse leaves one per object', async () => {
    expect(await copiesInWorker(false)).toBeGreaterThanOrEqual(50);
    // The interned copy, and the one in the worker's source text.
    expect(await copiesInWorker(true)).toBeLessThanOrEqual(2);
  }, 30_000);
});
