import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import { FileConfigSource } from './file-config-source.js';
import { PlatformConfigStore } from './platform-config-store.js';

const doc = (runtimeClass: string) =>
  `apiVersion: score.dev/v1b1\nkind: PlatformConfig\ndefaults: { runtimeClass: ${runtimeClass} }\n`;

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let dir: string;
let store: PlatformConfigStore | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'platform-config-'));
});
afterEach(async () => {
  await store?.stop();
  store = undefined;
  await rm(dir, { recursive: true, force: true });
});

// writeFile truncates, then writes: a reload between the two would read an empty file. A debounce well
// above the gap a loaded machine can leave between them keeps the test to the states it writes.
const debounceMs = 200;

describe('FileConfigSource with PlatformConfigStore', () => {
  it('reloads good -> bad (keeps the last good, with the error) -> good', async () => {
    const path = join(dir, 'platform.yaml');
    await writeFile(path, doc('one'));
    store = new PlatformConfigStore({ source: new FileConfigSource({ path, debounceMs }) });
    const changes: string[] = [];
    store.subscribe((config) => changes.push(config.defaults.runtimeClass));
    expect((await store.start()).defaults.runtimeClass).toBe('one');

    await writeFile(path, `${doc('one')}plugins: [ "Not A Package" ]\n`);
    await until(() => store?.lastError !== undefined);
    expect(store.lastError?.message).toContain(
      'plugins[0]: must be an npm package name, e.g. @my-org/resolver-aws or resolver-aws; got "Not A Package"',
    );
    expect(store.current.defaults.runtimeClass).toBe('one');

    await writeFile(path, doc('two'));
    await until(() => changes.length === 1);
    expect(store.current.defaults.runtimeClass).toBe('two');
    expect(store.lastError).toBeUndefined();
  });

  it('sees a file replaced by rename, as editors and mounted ConfigMaps do', async () => {
    const path = join(dir, 'platform.yaml');
    await writeFile(path, doc('one'));
    store = new PlatformConfigStore({ source: new FileConfigSource({ path, debounceMs }) });
    await store.start();
    await writeFile(join(dir, '.platform.yaml.tmp'), doc('two'));
    await rename(join(dir, '.platform.yaml.tmp'), path);
    await until(() => store?.current.defaults.runtimeClass === 'two');
  });

  it('reports a deleted file and recovers when it comes back', async () => {
    const path = join(dir, 'platform.yaml');
    await writeFile(path, doc('one'));
    store = new PlatformConfigStore({ source: new FileConfigSource({ path, debounceMs }) });
    await store.start();
    await rm(path);
    await until(() => store?.lastError !== undefined);
    expect(OrchestratorError.is(store.lastError, 'Source')).toBe(true);
    expect(store.current.defaults.runtimeClass).toBe('one');
    await writeFile(path, doc('one'));
    await until(() => store?.lastError === undefined);
  });

  it('fails start-up when the file does not exist', async () => {
    const path = join(dir, 'missing.yaml');
    const failing = new PlatformConfigStore({ source: new FileConfigSource({ path }) });
    await expect(failing.start()).rejects.toThrow(
      `failed to load platform config from file ${path}: failed to read platform config file ${path}: it does not exist; create it or fix the path`,
    );
  });
});
