import { describe, expect, it } from '@jest/globals';
import type { ResourceClaim, Workload } from '@score-orchestrator/api';
import type { ClaimIntent } from './claim-intent.js';
import { paramsConflict } from './params-conflict.js';

const owner = (name: string) => ({
  apiVersion: 'score.dev/v1b1',
  kind: 'Workload',
  name,
  uid: `uid-${name}`,
});
const workload = (name: string) => ({ metadata: { name, uid: `uid-${name}` } }) as Workload;
const claim = (params: Record<string, unknown> | undefined, owners = ['first', 'second']) =>
  ({
    metadata: { name: 'shared-postgres-default-main', ownerReferences: owners.map(owner) },
    spec: { type: 'postgres', class: 'default', id: 'main', params, deprovisionPolicy: 'Delete' },
  }) as ResourceClaim;
const intent = (params: Record<string, unknown> | undefined): ClaimIntent => ({
  resource: 'db',
  claim: 'shared-postgres-default-main',
  type: 'postgres',
  class: 'default',
  id: 'main',
  metadata: {},
  deprovisionPolicy: 'Delete',
  waitingFor: [],
  ...(params === undefined ? {} : { params }),
});

describe('paramsConflict', () => {
  it.each([
    ['the same params', { size: 'S' }, { size: 'S' }, undefined],
    ['no params on either side', undefined, {}, undefined],
    [
      'secret references alike',
      { pw: { secretName: 's', key: 'k' } },
      { pw: { secretName: 's', key: 'k' } },
      undefined,
    ],
    ['a changed value', { size: 'S', version: 15 }, { size: 'L', version: 15 }, ['size']],
    ['keys on one side only', { size: 'S' }, { version: 16 }, ['size', 'version']],
    ['a nested difference', { tuning: { a: 1 } }, { tuning: { a: 2 } }, ['tuning']],
    ['params against none', undefined, { size: 'S' }, ['size']],
  ] as const)('%s → %j', (_case, held, wanted, keys) => {
    const found = paramsConflict(claim(held), workload('second'), intent(wanted));
    expect(found?.keys).toEqual(keys);
  });

  it('names the keys and the deciding Workload, never a value', () => {
    const found = paramsConflict(
      claim({ password: 'hunter2', size: 'S' }),
      workload('second'),
      intent({ password: 'letmein', size: 'S' }),
    );
    expect(found).toMatchObject({ keys: ['password'], decidedBy: 'first' });
    expect(found?.message).toContain('params.password differs from');
    expect(found?.message).toContain('Workload first');
    expect(found?.message).not.toMatch(/hunter2|letmein/);
  });

  it('is never a conflict for the Workload that decides the spec, or one still waiting for its params', () => {
    expect(paramsConflict(claim({ size: 'S' }), workload('first'), intent({ size: 'L' }))).toBeUndefined();
    expect(
      paramsConflict(claim({ size: 'S' }, []), workload('second'), intent({ size: 'L' })),
    ).toBeUndefined();
    expect(paramsConflict(claim({ size: 'S' }), workload('second'), intent(undefined))).toBeUndefined();
  });
});
