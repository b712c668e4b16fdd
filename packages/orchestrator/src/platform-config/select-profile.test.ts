import { describe, expect, it } from '@jest/globals';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import { parsePlatformConfig } from './parse-platform-config.js';
import { selectProfile, type ProfileSelection } from './select-profile.js';
import type { WorkloadInput } from './workload-input.js';

const config = parsePlatformConfig(`
apiVersion: score.dev/v1b1
kind: PlatformConfig
defaults: { runtimeClass: kubernetes }
profiles:
  - name: web
    selector: { matchLabels: { tier: web } }
    options: { workloadKind: Deployment }
  - name: edge
    selector: { matchLabels: { tier: web, exposure: public } }
    runtimeClass: edge
  - name: stateful
    selector: { matchExpressions: [ { key: tier, operator: In, values: [db, cache] } ] }
    options: { workloadKind: StatefulSet }
  - name: batch
    runtimeClass: jobs
`);
const withDefault = { ...config, defaults: { ...config.defaults, profile: 'batch' } };

function workload(labels?: Record<string, string>, annotations?: Record<string, string>): WorkloadInput {
  return { metadata: { name: 'app', namespace: 'team-a', labels, annotations }, spec: { containers: {} } };
}

describe('selectProfile', () => {
  it.each<[string, WorkloadInput, ProfileSelection]>([
    [
      'the annotation over a matching selector',
      workload({ tier: 'web' }, { 'score.dev/profile': 'stateful' }),
      {
        profile: 'stateful',
        matchedBy: 'annotation',
        runtimeClass: 'kubernetes',
        options: { workloadKind: 'StatefulSet' },
      },
    ],
    [
      'a profile without selector by annotation',
      workload(undefined, { 'score.dev/profile': 'batch' }),
      { profile: 'batch', matchedBy: 'annotation', runtimeClass: 'jobs', options: {} },
    ],
    [
      'the first matching selector in config order',
      workload({ tier: 'web', exposure: 'public' }),
      {
        profile: 'web',
        matchedBy: 'selector',
        runtimeClass: 'kubernetes',
        options: { workloadKind: 'Deployment' },
      },
    ],
    [
      'a matchExpressions selector',
      workload({ tier: 'cache' }),
      {
        profile: 'stateful',
        matchedBy: 'selector',
        runtimeClass: 'kubernetes',
        options: { workloadKind: 'StatefulSet' },
      },
    ],
    [
      'platform defaults when nothing matches',
      workload({ tier: 'other' }),
      { matchedBy: 'default', runtimeClass: 'kubernetes', options: {} },
    ],
    [
      'platform defaults without labels',
      workload(),
      { matchedBy: 'default', runtimeClass: 'kubernetes', options: {} },
    ],
  ])('picks %s', (_name, input, expected) => {
    expect(selectProfile(config, input)).toEqual(expected);
  });

  it('falls back to defaults.profile', () => {
    expect(selectProfile(withDefault, workload({ tier: 'other' }))).toEqual({
      profile: 'batch',
      matchedBy: 'default',
      runtimeClass: 'jobs',
      options: {},
    });
  });

  it('rejects an unknown profile in the annotation, naming it and the known ones', () => {
    let error: unknown;
    try {
      selectProfile(config, workload({ tier: 'web' }, { 'score.dev/profile': 'gpu' }));
    } catch (err) {
      error = err;
    }
    expect(OrchestratorError.is(error, 'InvalidWorkload')).toBe(true);
    expect((error as Error).message).toBe(
      'failed to select a profile for Workload team-a/app: annotation score.dev/profile names unknown profile "gpu"; use one of: web, edge, stateful, batch, or remove the annotation',
    );
  });
});
