import { describe, expect, it } from '@jest/globals';
import { decideLease, releasedRecord, type LeaseDecisionInput } from './lease-decision.js';
import type { LeaderElectionRecord } from './lease-lock.js';

const acquired = new Date('2024-01-01T00:00:00.000Z');
const wallNow = new Date('2024-01-01T00:01:00.000Z');

function record(holderIdentity: string, leaseTransitions = 3): LeaderElectionRecord {
  return {
    holderIdentity,
    leaseDurationSeconds: 15,
    acquireTime: acquired,
    renewTime: acquired,
    leaseTransitions,
  };
}

function decide(current: LeaderElectionRecord, elapsedMs: number): ReturnType<typeof decideLease> {
  const input: LeaseDecisionInput = {
    current,
    observedAt: 1_000,
    now: 1_000 + elapsedMs,
    wallNow,
    identity: 'me',
    leaseDurationSeconds: 10,
  };
  return decideLease(input);
}

describe('decideLease', () => {
  it.each([
    ['another holder, observed 14.9 s ago', record('other'), 14_900, 'wait'],
    ['another holder, observed 15 s ago (expired)', record('other'), 15_000, 'write'],
    ['released lease (empty holder)', record(''), 0, 'write'],
    ['our own lease, even if just observed', record('me'), 0, 'write'],
  ])('%s -> %s', (_name, current, elapsed, action) => {
    expect(decide(current, elapsed).action).toBe(action);
  });

  it('judges expiry by local observation time, not the holder’s renewTime (clock skew)', () => {
    // The holder's clock is an hour behind: its renewTime looks ancient, but we only just saw it change.
    const skewed = { ...record('other'), renewTime: new Date('2023-12-31T23:00:00.000Z') };
    expect(decide(skewed, 100)).toEqual({ action: 'wait', holder: 'other' });
  });

  it('uses the holder’s declared duration to judge expiry, ours when writing', () => {
    const decision = decide({ ...record('other'), leaseDurationSeconds: 2 }, 2_000);
    expect(decision).toMatchObject({ action: 'write', record: { leaseDurationSeconds: 10 } });
  });

  it('counts a transition and resets acquireTime when taking over', () => {
    expect(decide(record('other'), 20_000)).toEqual({
      action: 'write',
      record: {
        holderIdentity: 'me',
        leaseDurationSeconds: 10,
        acquireTime: wallNow,
        renewTime: wallNow,
        leaseTransitions: 4,
      },
    });
  });

  it('keeps acquireTime and the transition count when renewing', () => {
    expect(decide(record('me'), 5_000)).toMatchObject({
      record: { acquireTime: acquired, renewTime: wallNow, leaseTransitions: 3 },
    });
  });
});

describe('releasedRecord', () => {
  it('clears the holder, shortens the duration to 1 s and keeps the transition count', () => {
    expect(releasedRecord(record('me', 7), wallNow)).toEqual({
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: wallNow,
      renewTime: wallNow,
      leaseTransitions: 7,
    });
  });
});
