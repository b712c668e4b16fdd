import { describe, expect, it } from '@jest/globals';
import type { ResourceClaim } from '@score-orchestrator/api';
import { claimStatusMutation, decisionBasis, type ClaimOutcome } from './claim-status.js';

const claim = (): ResourceClaim =>
  ({ metadata: { name: 'db', generation: 3 }, spec: { type: 'postgres' } }) as unknown as ResourceClaim;

describe('claimStatusMutation', () => {
  const bound: ClaimOutcome = {
    phase: 'Bound',
    reason: 'Bound',
    message: 'ok',
    resolver: 'pg',
    outputs: { host: 'db' },
    secret: { name: 'db-outputs', keys: ['username', 'password'] },
  };

  it('writes phase, outputs, secret keys (sorted) and a Ready condition', () => {
    const obj = claim();
    claimStatusMutation(bound, 't1')(obj);
    expect(obj.status).toEqual({
      observedGeneration: 3,
      phase: 'Bound',
      reason: 'Bound',
      message: 'ok',
      resolver: 'pg',
      outputs: { host: 'db' },
      secretName: 'db-outputs',
      secretOutputKeys: ['password', 'username'],
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Bound',
          message: 'ok',
          lastTransitionTime: 't1',
          observedGeneration: 3,
        },
        {
          type: 'OutputsAvailable',
          status: 'True',
          reason: 'Bound',
          message: 'ok',
          lastTransitionTime: 't1',
          observedGeneration: 3,
        },
      ],
    });
  });

  describe('OutputsAvailable', () => {
    const starting: ClaimOutcome = {
      phase: 'Provisioning',
      reason: 'Provisioning',
      message: 'redis is starting',
      outputs: { host: 'db' },
    };
    const outputsCondition = (obj: ResourceClaim) =>
      obj.status?.conditions?.find((c) => c.type === 'OutputsAvailable');

    it('is True while Provisioning when the resolver reported its outputs final, Ready staying False', () => {
      const obj = claim();
      claimStatusMutation({ ...starting, outputsFinal: true }, 't1')(obj);
      expect(outputsCondition(obj)).toMatchObject({
        status: 'True',
        reason: 'OutputsFinal',
        observedGeneration: 3,
      });
      expect(obj.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    });

    it('is False while Provisioning with outputs that are not final', () => {
      const obj = claim();
      claimStatusMutation({ ...starting, outputsFinal: false }, 't1')(obj);
      expect(outputsCondition(obj)).toMatchObject({ status: 'False', reason: 'Provisioning' });
    });

    it('stays as it was through a provision that threw, and turns False when the claim fails', () => {
      const obj = claim();
      claimStatusMutation({ ...starting, outputsFinal: true }, 't1')(obj);
      const error: ClaimOutcome = { phase: 'Provisioning', reason: 'ProvisionError', message: 'timeout' };
      claimStatusMutation(error, 't2')(obj);
      expect(outputsCondition(obj)).toMatchObject({ status: 'True', lastTransitionTime: 't1' });
      claimStatusMutation({ phase: 'Failed', reason: 'ProvisionFailed', message: 'bad params' }, 't3')(obj);
      expect(outputsCondition(obj)).toMatchObject({
        status: 'False',
        reason: 'ProvisionFailed',
        lastTransitionTime: 't3',
      });
    });
  });

  it('is idempotent: the same outcome later changes nothing (transition time kept)', () => {
    const obj = claim();
    claimStatusMutation(bound, 't1')(obj);
    const first = structuredClone(obj.status);
    claimStatusMutation(bound, 't2')(obj);
    expect(obj.status).toEqual(first);
  });

  it('keeps resolver, outputs and secret when an outcome leaves them out, and drops empty outputs', () => {
    const obj = claim();
    claimStatusMutation(bound, 't1')(obj);
    claimStatusMutation({ phase: 'Pending', reason: 'ResolverNotFound', message: 'none' }, 't2')(obj);
    expect(obj.status).toMatchObject({ resolver: 'pg', outputs: { host: 'db' }, secretName: 'db-outputs' });
    expect(obj.status?.conditions?.[0]).toMatchObject({ status: 'False', lastTransitionTime: 't2' });
    claimStatusMutation({ ...bound, outputs: {} }, 't3')(obj);
    expect(obj.status?.outputs).toBeUndefined();
  });

  it('writes nothing on a claim that changed under the decision (new generation, latch set or removed)', () => {
    const decidedOn = claim();
    decidedOn.status = { resolver: 'pg', deprovisionPolicy: 'Retain' };
    const basis = decisionBasis(decidedOn);
    const apply = (change: (c: ResourceClaim) => void) => {
      const fresh = structuredClone(decidedOn);
      change(fresh);
      const before = structuredClone(fresh.status);
      claimStatusMutation({ ...bound, latchPolicy: 'Retain' }, 't1', basis)(fresh);
      return fresh.status === before || JSON.stringify(fresh.status) === JSON.stringify(before);
    };
    expect(apply(() => undefined)).toBe(false);
    expect(apply((c) => (c.metadata.generation = 4))).toBe(true);
    expect(apply((c) => delete c.status!.resolver)).toBe(true);
    expect(apply((c) => delete c.status!.deprovisionPolicy)).toBe(true);
  });

  it('writes on a claim whose choices were latched meanwhile to what the outcome latches (its own first write)', () => {
    const decidedOn = claim(); // a cached copy from before the host's first status write
    const basis = decisionBasis(decidedOn);
    const outcome: ClaimOutcome = { ...bound, latchPolicy: 'Delete' };
    const latched = (resolver: string, policy: 'Delete' | 'Retain') => {
      const fresh = structuredClone(decidedOn);
      fresh.status = { phase: 'Provisioning', message: 'starting', resolver, deprovisionPolicy: policy };
      claimStatusMutation(outcome, 't1', basis)(fresh);
      return fresh.status;
    };
    expect(latched('pg', 'Delete')).toMatchObject({ phase: 'Bound', message: 'ok', resolver: 'pg' });
    // Latched to another choice meanwhile: someone else's decision, kept.
    expect(latched('other', 'Delete')).toMatchObject({ phase: 'Provisioning', resolver: 'other' });
    expect(latched('pg', 'Retain')).toMatchObject({ phase: 'Provisioning', deprovisionPolicy: 'Retain' });
  });
});
