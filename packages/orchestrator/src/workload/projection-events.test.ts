import { describe, expect, it } from '@jest/globals';
import type { UnresolvedPlaceholder } from '@score-orchestrator/api';
import type { ObjectEvents } from '@score-orchestrator/operator-sdk';
import { claimSummary as summary } from '../status/fixtures/claim-summary.js';
import { projectionEvent, ProjectionEvents, type ProjectionEvent } from './projection-events.js';

const waiting = (resource: string): UnresolvedPlaceholder => ({
  placeholder: `\${resources.${resource}.host}`,
  field: 'containers.main.variables.HOST',
  resource,
  reason: 'pending',
  detail: `resource '${resource}' has no outputs yet`,
});

describe('projectionEvent', () => {
  it.each([
    ['a claim not made yet', [summary()], 'Normal', 'WaitingForOutputs'],
    [
      'a provisioning claim',
      [summary({ phase: 'Provisioning', reason: 'Provisioning' })],
      'Normal',
      'WaitingForOutputs',
    ],
    ['a claim whose params wait', [summary({ reason: 'WaitingForOutputs' })], 'Normal', 'WaitingForOutputs'],
    [
      'a claim being deleted and made again',
      [summary({ reason: 'ClaimTerminating' })],
      'Normal',
      'WaitingForOutputs',
    ],
    [
      'a resolver retrying an error',
      [summary({ phase: 'Provisioning', reason: 'ProvisionError' })],
      'Normal',
      'WaitingForOutputs',
    ],
    [
      'a claim without resolver',
      [summary({ phase: 'Pending', reason: 'ResolverNotFound' })],
      'Warning',
      'ProjectionError',
    ],
    [
      'a failed claim',
      [summary({ phase: 'Failed', reason: 'ProvisionFailed' })],
      'Warning',
      'ProjectionError',
    ],
    ['a claim name owned elsewhere', [summary({ reason: 'ClaimConflict' })], 'Warning', 'ProjectionError'],
    ['a resource without a summary', [], 'Warning', 'ProjectionError'],
  ] as const)('waiting for %s → %s %s', (_case, claims, type, reason) => {
    expect(projectionEvent([waiting('db')], 'the message', claims)).toMatchObject({ type, reason });
  });

  it('warns about an output a bound claim does not have: only the resolver or the reference can fix it', () => {
    const absent: UnresolvedPlaceholder = {
      ...waiting('db'),
      placeholder: '${resources.db.nosuch}',
      reason: 'absent',
      detail: "resource 'db' has no output 'nosuch'",
    };
    const bound = [summary({ phase: 'Bound', reason: 'Bound', outputsAvailable: true })];
    expect(projectionEvent([absent], 'msg', bound)).toEqual({
      type: 'Warning',
      reason: 'ProjectionError',
      note: 'msg',
    });
  });

  it('keeps the condition message, and names what blocks in a Warning', () => {
    const claims = [summary(), summary({ name: 'kv', claim: 'w-kv', reason: 'ResolverNotFound' })];
    expect(projectionEvent([waiting('db')], 'msg', claims).note).toBe('msg');
    const warning = projectionEvent([waiting('db'), waiting('kv')], 'msg', claims);
    expect(warning.note).toMatch(/^msg; resources\.kv will not deliver outputs/);
    expect(warning.note).not.toContain('resources.db');
  });
});

describe('ProjectionEvents', () => {
  const recorder = () => {
    const recorded: string[] = [];
    const events: ObjectEvents = {
      normal: (reason, note) => recorded.push(`Normal ${reason}: ${note}`),
      warning: (reason, note) => recorded.push(`Warning ${reason}: ${note}`),
    };
    return { recorded, events };
  };
  const normal = (note: string): ProjectionEvent => ({ type: 'Normal', reason: 'WaitingForOutputs', note });

  it('records each distinct message once per wait, per Workload', () => {
    const { recorded, events } = recorder();
    const memo = new ProjectionEvents();
    for (const note of ['a', 'a', 'b', 'a', 'b']) memo.record('w1', events, normal(note));
    memo.record('w2', events, normal('a'));
    expect(recorded).toEqual([
      'Normal WaitingForOutputs: a',
      'Normal WaitingForOutputs: b',
      'Normal WaitingForOutputs: a',
    ]);
  });

  it('records again after the wait ended, and tells Warnings apart from Normal events', () => {
    const { recorded, events } = recorder();
    const memo = new ProjectionEvents();
    memo.record('w', events, normal('a'));
    memo.end('w');
    memo.record('w', events, normal('a'));
    memo.record('w', events, { type: 'Warning', reason: 'ProjectionError', note: 'a' });
    expect(recorded).toEqual([
      'Normal WaitingForOutputs: a',
      'Normal WaitingForOutputs: a',
      'Warning ProjectionError: a',
    ]);
  });

  it('forgets the oldest wait past its bound', () => {
    const { recorded, events } = recorder();
    const memo = new ProjectionEvents(2);
    for (const uid of ['w1', 'w2', 'w3', 'w2', 'w1']) memo.record(uid, events, normal('a'));
    expect(recorded).toHaveLength(4); // w1 was forgotten when w3 came, so it is told again
  });
});
