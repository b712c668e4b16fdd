import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { ScoreApiError } from '../errors/api.error.js';
import { convertScoreFile } from './convert-score-file.js';
import { parseScoreFile } from './parse-score-file.js';
import { workloadScoreMetadata } from './score-metadata.js';
import { toScoreFile, workloadToScoreFile } from './to-score-file.js';
import type { WorkloadObject } from './workload-object.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('toScoreFile', () => {
  it.each(['full.score.yaml', 'legacy-lists.score.yaml'])('round-trips %s through a Workload', (name) => {
    const original = parseScoreFile(fixture(name));
    const yaml = toScoreFile(convertScoreFile(fixture(name), { namespace: 'ns' }));
    expect(parseScoreFile(yaml)).toEqual(original);
  });

  it('keeps Score metadata keys and drops what a cluster adds', () => {
    const workload = {
      apiVersion: 'score.dev/v1b1',
      kind: 'Workload',
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: '1234',
        resourceVersion: '7',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' },
      },
      spec: { containers: { web: { image: 'nginx' } }, metadataExtras: { tier: 'frontend' } },
      status: { observedGeneration: 1 },
    } as WorkloadObject;
    expect(parse(toScoreFile(workload))).toEqual({
      apiVersion: 'score.dev/v1b1',
      metadata: { name: 'web', annotations: { team: 'a' }, tier: 'frontend' },
      containers: { web: { image: 'nginx' } },
    });
    expect(workloadScoreMetadata(workload)).toEqual({
      name: 'web',
      annotations: { team: 'a' },
      tier: 'frontend',
    });
  });

  it('writes multi-line file content as a block scalar', () => {
    const yaml = toScoreFile(convertScoreFile(fixture('full.score.yaml')));
    expect(yaml).toContain('content: |\n');
  });

  it('rejects an object that is not a Workload', () => {
    const other = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, spec: { containers: {} } };
    let caught: unknown;
    try {
      workloadToScoreFile(other as unknown as WorkloadObject);
    } catch (err) {
      caught = err;
    }
    expect(ScoreApiError.is(caught, 'Conversion')).toBe(true);
  });
});
