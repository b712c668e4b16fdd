import { describe, expect, it } from '@jest/globals';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { WorkloadInput } from './workload-input.js';
import type { ConfigReading, PlatformConfigSource } from './platform-config-source.js';
import { PlatformConfigStore, type ConfigReloadEvent } from './platform-config-store.js';

/** A source the test drives by hand. */
class ScriptedSource implements PlatformConfigSource {
  readonly description = 'scripted source';
  stopped = false;
  private onReading: ((reading: ConfigReading) => void) | undefined;

  constructor(private readonly first: ConfigReading) {}

  async start(onReading: (reading: ConfigReading) => void): Promise<void> {
    this.onReading = onReading;
    onReading(this.first);
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  deliver(reading: ConfigReading): void {
    this.onReading?.(reading);
  }
}

const doc = (runtimeClass: string, extra = '') =>
  `apiVersion: score.dev/v1b1\nkind: PlatformConfig\ndefaults: { runtimeClass: ${runtimeClass} }\n${extra}`;
const latestPolicy = `policies: [ { name: no-latest, rule: "object.spec.containers.all(c, !object.spec.containers[c].image.endsWith(':latest'))" } ]\n`;
const latestWorkload: WorkloadInput = {
  metadata: { name: 'a' },
  spec: { containers: { web: { image: 'x:latest' } } },
};

async function started(first: string) {
  const source = new ScriptedSource({ text: first });
  const store = new PlatformConfigStore({ source });
  const events: ConfigReloadEvent[] = [];
  const changes: [string, string][] = [];
  store.onReload((event) => events.push(event));
  store.subscribe((config, previous) =>
    changes.push([previous.defaults.runtimeClass, config.defaults.runtimeClass]),
  );
  await store.start();
  return { source, store, events, changes };
}

describe('PlatformConfigStore', () => {
  it('starts with the first valid config and reports it', async () => {
    const { store, events, changes } = await started(doc('one'));
    expect(store.current.defaults.runtimeClass).toBe('one');
    expect(store.revision).toBe(1);
    expect(store.lastError).toBeUndefined();
    expect(events).toEqual([
      expect.objectContaining({ result: 'success', initial: true, source: 'scripted source', revision: 1 }),
    ]);
    expect(changes).toEqual([]);
  });

  it.each<[string, ConfigReading, string, RegExp]>([
    [
      'an invalid first config',
      { text: doc('Bad_Name') },
      'Configuration',
      /defaults\.runtimeClass: must be a DNS label.*; got "Bad_Name"/,
    ],
    [
      'an unreadable source',
      { error: new OrchestratorError('Source', 'failed to read platform config x: gone') },
      'Source',
      /from scripted source: failed to read platform config x: gone$/,
    ],
  ])('fails start-up on %s and stops the source', async (_name, first, kind, message) => {
    const source = new ScriptedSource(first);
    const store = new PlatformConfigStore({ source });
    const failure = store.start();
    await expect(failure).rejects.toThrow(message);
    await failure.catch((err: unknown) => expect(OrchestratorError.is(err, kind as 'Source')).toBe(true));
    expect(source.stopped).toBe(true);
    expect(() => store.current).toThrow('await store.start() first');
  });

  it('keeps the last good config on a bad update, then takes the next good one', async () => {
    const { source, store, events, changes } = await started(doc('one'));
    const good = store.current;

    source.deliver({ text: doc('one', 'resolvers: [ { type: postgres, deprovisionPolicy: Keep } ]\n') });
    expect(store.current).toBe(good);
    expect(store.lastError?.issues.map((i) => i.field)).toEqual(['resolvers[0].deprovisionPolicy']);
    expect(store.lastError?.message).toContain('must be one of Delete, Retain, Orphan');
    expect(events[1]).toMatchObject({ result: 'failure', initial: false, config: good, revision: 1 });

    source.deliver({ text: doc('two') });
    expect(store.current.defaults.runtimeClass).toBe('two');
    expect(store.lastError).toBeUndefined();
    expect(store.revision).toBe(2);
    expect(events[2]).toMatchObject({ result: 'success', revision: 2 });
    expect(changes).toEqual([['one', 'two']]);
  });

  it('ignores readings whose text did not change', async () => {
    const { source, events } = await started(doc('one'));
    source.deliver({ text: doc('one') });
    source.deliver({ text: '{' });
    source.deliver({ text: '{' });
    expect(events.map((e) => e.result)).toEqual(['success', 'failure']);
  });

  it('clears the error without notifying subscribers when the config in force comes back', async () => {
    const { source, store, events, changes } = await started(doc('one'));
    source.deliver({ error: new OrchestratorError('Source', 'ConfigMap deleted') });
    expect(store.lastError?.kind).toBe('Source');
    source.deliver({ text: doc('one') });
    expect(store.lastError).toBeUndefined();
    expect(store.revision).toBe(1);
    expect(events.map((e) => e.result)).toEqual(['success', 'failure', 'success']);
    expect(changes).toEqual([]);
  });

  it('evaluates the policies of the config in force', async () => {
    const { source, store } = await started(doc('one'));
    const policies = store.policies;
    expect(policies.evaluate(latestWorkload)).toEqual([]);
    source.deliver({ text: doc('one', latestPolicy) });
    expect(policies.evaluate(latestWorkload).map((v) => v.policy)).toEqual(['no-latest']);
    source.deliver({ text: doc('one', 'policies: [ { name: broken, rule: "object.(" } ]\n') });
    expect(store.lastError?.issues).toEqual([
      { field: 'policies[0].rule', message: expect.stringContaining('policy broken: CEL syntax error') },
    ]);
    expect(policies.evaluate(latestWorkload).map((v) => v.policy)).toEqual(['no-latest']);
  });

  it('keeps notifying when one listener throws', async () => {
    const { source, store, changes } = await started(doc('one'));
    const unsubscribe = store.subscribe(() => {
      throw new Error('boom');
    });
    source.deliver({ text: doc('two') });
    unsubscribe();
    source.deliver({ text: doc('three') });
    expect(changes).toEqual([
      ['one', 'two'],
      ['two', 'three'],
    ]);
  });
});
