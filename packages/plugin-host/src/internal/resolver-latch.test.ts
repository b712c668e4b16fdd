import { describe, expect, it } from '@jest/globals';
import type { ResourceClaim, ResolverOptions } from '@score-orchestrator/api';
import { chooseResolver } from './resolver-latch.js';

const candidates: { options: ResolverOptions }[] = [
  { options: { name: 'dev-postgres', type: 'postgres' } },
  { options: { name: 'cloud-postgres', type: 'postgres', classes: ['large'] } },
  { options: { name: 'file-postgres', type: 'postgres' } },
];

function claim(spec: Partial<ResourceClaim['spec']>, status?: ResourceClaim['status']): ResourceClaim {
  return {
    apiVersion: 'score.dev/v1b1',
    kind: 'ResourceClaim',
    metadata: { name: 'db', namespace: 'team' },
    spec: { type: 'postgres', class: 'default', deprovisionPolicy: 'Delete', ...spec },
    ...(status ? { status } : {}),
  };
}

const chosen = (c: ResourceClaim) => {
  const { match, ...rest } = chooseResolver(c, candidates);
  return { resolver: match.found ? match.candidate.options.name : `none: ${match.message}`, ...rest };
};

describe('chooseResolver', () => {
  it.each<[string, ResourceClaim, ReturnType<typeof chosen>]>([
    [
      "an unprovisioned claim: the spec's resolver, and its rule",
      claim({ resolver: 'file-postgres', resolverRule: 'prod' }),
      { resolver: 'file-postgres', resolverRule: 'prod' },
    ],
    [
      'an unprovisioned claim without a rule: matched by type, the rule removed',
      claim({}),
      { resolver: 'dev-postgres', resolverRule: null },
    ],
    [
      'a provisioned claim whose spec still chooses its resolver: the rule follows the spec',
      claim(
        { resolver: 'dev-postgres', resolverRule: 'dev-renamed' },
        { resolver: 'dev-postgres', resolverRule: 'dev' },
      ),
      { resolver: 'dev-postgres', resolverRule: 'dev-renamed' },
    ],
    [
      'a provisioned claim matched by type, another resolver bound since (by type it would still be the first)',
      claim({}, { resolver: 'dev-postgres' }),
      { resolver: 'dev-postgres', resolverRule: null },
    ],
  ])('serves %s', (_name, input, expected) => {
    expect(chosen(input)).toEqual(expected);
  });

  it('keeps the latched resolver when the spec now names another, keeps its rule and says how to move it', () => {
    const result = chosen(
      claim(
        { resolver: 'file-postgres', resolverRule: 'prod' },
        { resolver: 'dev-postgres', resolverRule: 'dev' },
      ),
    );
    expect(result.resolver).toBe('dev-postgres');
    expect(result.resolverRule).toBeUndefined();
    expect(result.kept).toBe(
      "keeping resolver dev-postgres (rule dev), latched when the claim was first provisioned; the platform config (its rules, or the namespace's labels) now chooses resolver file-postgres (rule prod), which applies to new claims only. To move this claim, delete it (dev-postgres deprovisions it by its deprovision policy and the Workload's new claim goes to file-postgres), or remove status.resolver to hand it as it is to file-postgres",
    );
  });

  it('keeps the latched resolver when matching by type and class would now choose another', () => {
    const result = chosen(claim({ class: 'large' }, { resolver: 'dev-postgres' }));
    expect(result.resolver).toBe('dev-postgres');
    expect(result.kept).toContain('keeping resolver dev-postgres, latched');
    expect(result.kept).toContain('now chooses resolver cloud-postgres, which');
  });

  it('finds none when the latched resolver is not installed, rather than move the claim', () => {
    const result = chosen(claim({ resolver: 'dev-postgres' }, { resolver: 'retired-postgres' }));
    expect(result.resolver).toBe(
      'none: resolver "retired-postgres" serves this claim (status.resolver, latched when it was first provisioned) and is not installed; install it again, or remove status.resolver to let the platform config choose again',
    );
    expect(result.kept).toBeUndefined();
  });
});
