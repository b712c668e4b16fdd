import { describe, expect, it } from '@jest/globals';
import { KubeConfig } from '@kubernetes/client-node';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { LeaderElector } from './leader-elector.js';
import {
  defaultIdentity,
  resolveLeaderElectorOptions,
  type LeaderElectorOptions,
} from './leader-election-options.js';

const base: LeaderElectorOptions = {
  kubeConfig: new KubeConfig(),
  namespace: 'default',
  name: 'my-operator',
  onStartedLeading: () => undefined,
  onStoppedLeading: () => undefined,
};

describe('resolveLeaderElectorOptions', () => {
  it('applies client-go defaults', () => {
    expect(resolveLeaderElectorOptions(base)).toMatchObject({
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      releaseOnCancel: true,
    });
  });

  it.each([
    ['lease not longer than renew deadline', { leaseDurationMs: 10_000, renewDeadlineMs: 10_000 }],
    ['renew deadline not above 1.2 x retry period', { renewDeadlineMs: 2_400, retryPeriodMs: 2_000 }],
    ['non-positive duration', { retryPeriodMs: 0 }],
    ['empty identity', { identity: '' }],
    ['missing name', { name: '' }],
  ])('rejects %s as a Configuration error', (_case, overrides) => {
    let caught: unknown;
    try {
      resolveLeaderElectorOptions({ ...base, ...overrides });
    } catch (err) {
      caught = err;
    }
    expect(OperatorSdkError.is(caught) && caught.kind).toBe('Configuration');
  });

  it('accepts the short durations integration tests use', () => {
    expect(() =>
      resolveLeaderElectorOptions({
        ...base,
        leaseDurationMs: 2_000,
        renewDeadlineMs: 1_500,
        retryPeriodMs: 300,
      }),
    ).not.toThrow();
  });
});

describe('new LeaderElector', () => {
  it('refuses to be created with nothing to connect with, saying what to pass', () => {
    const { kubeConfig: _none, ...withoutConnection } = base;
    expect(() => new LeaderElector(withoutConnection)).toThrow(
      'failed to create the leader elector: it has neither a client nor a kubeConfig; pass one of them',
    );
  });
});

describe('defaultIdentity', () => {
  it('is unique per call, so two candidates on one host never share an identity', () => {
    expect(defaultIdentity()).not.toBe(defaultIdentity());
  });
});
