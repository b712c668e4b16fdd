// The example's files agree: workload.yaml is score.yaml converted, and platform.yaml is a valid config
// that runs the Workload with the built-in plugins and admits it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { convertScoreFile } from '@score-orchestrator/api';
import {
  parsePlatformConfig,
  PolicyEngine,
  selectProfile,
  selectResolver,
} from '@score-orchestrator/orchestrator';
import { parse } from 'yaml';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

describe('examples/hello', () => {
  const workload = convertScoreFile(read('score.yaml'));
  const config = parsePlatformConfig(read('platform.yaml'));

  it('workload.yaml is score.yaml converted (regenerate it with `score-orchestrator convert score.yaml`)', () => {
    expect(parse(read('workload.yaml'))).toEqual(workload);
  });

  it('platform.yaml runs it as a Deployment, with a dev postgres deleted with it, and admits it', () => {
    expect(config.plugins).toEqual([
      '@score-orchestrator/resolver-dev',
      '@score-orchestrator/runtime-kubernetes',
    ]);
    expect(selectProfile(config, workload)).toMatchObject({
      profile: 'web',
      runtimeClass: 'kubernetes',
      options: { workloadKind: 'Deployment' },
    });
    expect(selectResolver(config, { type: 'postgres', class: 'default' })).toMatchObject({
      resolver: 'dev-postgres',
      deprovisionPolicy: 'Delete',
    });
    expect(new PolicyEngine(config.policies).evaluate(workload)).toEqual([]);
  });
});
