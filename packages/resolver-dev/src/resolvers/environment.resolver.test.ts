import { describe, expect, it } from '@jest/globals';
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import type { ResolverContext } from '@score-orchestrator/api';
import { TerminalError } from '@score-orchestrator/operator-sdk';
import { encodeSecretData } from '../credentials/resolve-credentials.js';
import { requestFixture } from '../fixtures/resource-request.js';
import { EnvironmentResolver, environmentOutputs, type EnvironmentSources } from './environment.resolver.js';

const base = { namespace: 'team-a', configMapName: 'score-environment', secretName: 'score-environment' };
const configMap: V1ConfigMap = { data: { LOG_LEVEL: 'debug', REGION: 'eu' } };
const secret: V1Secret = { data: encodeSecretData({ API_KEY: 'SECRETkey001' }) };

describe('environmentOutputs', () => {
  it.each<[string, Partial<EnvironmentSources>, object]>([
    [
      'ConfigMap keys are outputs, Secret keys secret outputs',
      { configMap, secret },
      {
        ready: true,
        outputs: { LOG_LEVEL: 'debug', REGION: 'eu' },
        secretOutputs: { API_KEY: 'SECRETkey001' },
        message:
          'values: 2 from ConfigMap team-a/score-environment, 1 (secret) from Secret team-a/score-environment',
      },
    ],
    [
      'a ConfigMap alone is enough',
      { configMap },
      {
        ready: true,
        outputs: { LOG_LEVEL: 'debug', REGION: 'eu' },
        secretOutputs: {},
        message: 'values: 2 from ConfigMap team-a/score-environment, no Secret team-a/score-environment',
      },
    ],
    [
      'a Secret alone is enough',
      { secret },
      {
        ready: true,
        outputs: {},
        secretOutputs: { API_KEY: 'SECRETkey001' },
        message:
          'values: no ConfigMap team-a/score-environment, 1 (secret) from Secret team-a/score-environment',
      },
    ],
    [
      'neither waits, saying what to create',
      {},
      {
        ready: false,
        message:
          'waiting for ConfigMap team-a/score-environment or Secret team-a/score-environment: the platform creates them with the values workloads read',
      },
    ],
    [
      'a key in both waits, naming it',
      { configMap: { data: { API_KEY: 'x', B: 'y' } }, secret },
      {
        ready: false,
        message:
          'keys API_KEY are in both ConfigMap team-a/score-environment and Secret team-a/score-environment: keep each key in one of them',
      },
    ],
  ])('%s', (_name, found, expected) => {
    expect(environmentOutputs({ ...base, ...found })).toEqual(expected);
  });

  it('never puts a Secret value in the outputs or the message', () => {
    const result = environmentOutputs({ ...base, configMap, secret });
    expect(JSON.stringify([result.outputs, result.message])).not.toContain('SECRETkey001');
  });
});

describe('EnvironmentResolver', () => {
  it('refuses params terminally, naming the param, before reading anything', async () => {
    const request = requestFixture('environment', { params: { file: '.env' } });
    const ctx = {} as ResolverContext; // nothing may be read
    const provision = new EnvironmentResolver().provision(request, ctx);
    await expect(provision).rejects.toBeInstanceOf(TerminalError);
    await expect(provision).rejects.toThrow(
      'failed to provision environment resource web-environment: params.file is not supported',
    );
  });
});
