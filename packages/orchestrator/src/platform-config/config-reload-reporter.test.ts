import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '@score-orchestrator/operator-sdk';
import { Registry } from 'prom-client';
import type { ConfigReading, PlatformConfigSource } from './platform-config-source.js';
import { CONFIG_RELOAD_METRIC, reportConfigReloads } from './config-reload-reporter.js';
import { PlatformConfigStore } from './platform-config-store.js';

const good = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';

describe('reportConfigReloads', () => {
  it('logs and counts every reload by result', async () => {
    let deliver: (reading: ConfigReading) => void = () => undefined;
    const source: PlatformConfigSource = {
      description: 'test source',
      start: async (onReading) => {
        deliver = onReading;
        onReading({ text: good });
      },
      stop: async () => undefined,
    };
    const store = new PlatformConfigStore({ source });
    const stream = new PassThrough();
    const lines: Record<string, unknown>[] = [];
    stream.on('data', (chunk: Buffer) =>
      chunk
        .toString()
        .trim()
        .split('\n')
        .forEach((l) => lines.push(JSON.parse(l) as Record<string, unknown>)),
    );
    const registry = new Registry();
    reportConfigReloads(store, { logger: createLogger({ stream }), registry });
    // A second reporter on the same registry reuses the counter instead of failing.
    const detach = reportConfigReloads(store, { logger: createLogger({ silent: true }), registry });
    detach();

    await store.start();
    deliver({ text: `${good}defaults: { deprovisionPolicy: Never }\n` });
    deliver({ text: `${good}plugins: [ a ]\n` });
    await new Promise((resolve) => setImmediate(resolve));

    const counts = (await registry.getSingleMetric(CONFIG_RELOAD_METRIC)!.get()).values.map((v) => [
      v.labels.result,
      v.value,
    ]);
    expect(counts).toEqual([
      ['success', 2],
      ['failure', 1],
    ]);
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['info', 'platform config loaded'],
      ['error', 'platform config rejected'],
      ['info', 'platform config loaded'],
    ]);
    expect(lines[1]).toMatchObject({
      source: 'test source',
      keptPrevious: true,
      fields: ['defaults.deprovisionPolicy'],
      err: expect.stringContaining(
        'defaults.deprovisionPolicy: must be one of Delete, Retain, Orphan; got "Never"',
      ),
    });
  });
});
