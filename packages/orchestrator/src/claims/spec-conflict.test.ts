import { describe, expect, it } from '@jest/globals';
import type { ResourceClaim, Workload } from '@score-orchestrator/api';
import type { ClaimIntent } from './claim-intent.js';
import { specConflict } from './spec-conflict.js';

type Fields = Record<string, unknown> | undefined;

const owner = (name: string) => ({
  apiVersion: 'score.dev/v1b1',
  kind: 'Workload',
  name,
  uid: `uid-${name}`,
});
const workload = (name: string) => ({ metadata: { name, uid: `uid-${name}` } }) as Workload;
const claim = (params: Fields, metadata?: Fields, owners = ['first', 'second']) =>
  ({
    metadata: { name: 'shared-postgres-default-main', ownerReferences: owners.map(owner) },
    spec: { type: 'postgres', class: 'default', id: 'main', params, metadata, deprovisionPolicy: 'Delete' },
  }) as ResourceClaim;
const intent = (params: Fields, metadata: Record<string, unknown> = {}): ClaimIntent => ({
  resource: 'db',
  claim: 'shared-postgres-default-main',
  type: 'postgres',
  class: 'default',
  id: 'main',
  metadata,
  deprovisionPolicy: 'Delete',
  waitingFor: [],
  ...(params === undefined ? {} : { params }),
});

describe('specConflict', () => {
  it.each([
    ['the same params', { size: 'S' }, { size: 'S' }, undefined],
    ['no params on either side', undefined, {}, undefined],
    [
      'secret references alike',
      { pw: { secretName: 's', key: 'k' } },
      { pw: { secretName: 's', key: 'k' } },
      undefined,
    ],
    ['a changed value', { size: 'S', version: 15 }, { size: 'L', version: 15 }, ['params.size']],
    ['keys on one side only', { size: 'S' }, { version: 16 }, ['params.size', 'params.version']],
    ['a nested difference', { tuning: { a: 1 } }, { tuning: { a: 2 } }, ['params.tuning']],
    ['params against none', undefined, { size: 'S' }, ['params.size']],
  ] as const)('params: %s → %j', (_case, held, wanted, fields) => {
    const found = specConflict(claim(held), workload('second'), intent(wanted));
    expect(found?.params).toEqual(fields);
    expect(found?.metadata ?? []).toEqual([]);
  });

  it.each([
    ['the same annotations', { annotations: { team: 'a' } }, { annotations: { team: 'a' } }, undefined],
    ['no metadata on either side', undefined, {}, undefined],
    [
      'a changed annotation, named by its key',
      { annotations: { 'example.com/team': 'a', tier: 'x' } },
      { annotations: { 'example.com/team': 'b', tier: 'x' } },
      ['metadata.annotations["example.com/team"]'],
    ],
    [
      'annotations and labels on one side only',
      { labels: { env: 'prod' } },
      { annotations: { team: 'a' } },
      ['metadata.annotations.team', 'metadata.labels.env'],
    ],
    ['metadata against none', undefined, { annotations: { team: 'a' } }, ['metadata.annotations.team']],
    ['a value that is no map', { owner: 'a' }, { owner: 'b' }, ['metadata.owner']],
    ['a map against a value', { owner: { team: 'a' } }, { owner: 'b' }, ['metadata.owner']],
    [
      'a difference nested deeper in a map',
      { annotations: { deep: { a: 1 } } },
      { annotations: { deep: { a: 2 } } },
      ['metadata.annotations.deep'],
    ],
  ] as const)('metadata: %s → %j', (_case, held, wanted, fields) => {
    const found = specConflict(claim({ size: 'S' }, held), workload('second'), intent({ size: 'S' }, wanted));
    expect(found?.metadata).toEqual(fields);
    expect(found?.params ?? []).toEqual([]);
  });

  it('names the fields and the deciding Workload, never a value', () => {
    const params = specConflict(
      claim({ password: 'hunter2', size: 'S' }),
      workload('second'),
      intent({ password: 'letmein', size: 'S' }),
    );
    expect(params).toMatchObject({ params: ['params.password'], decidedBy: 'first' });
    expect(params?.message).toBe(
      "params.password differs from the shared claim's, whose params Workload first decides (its first owner); use the same params, or another id",
    );

    const both = specConflict(
      claim({ size: 'S' }, { annotations: { owner: 'team-a@example.com' } }),
      workload('second'),
      intent({ size: 'L' }, { annotations: { owner: 'team-b@example.com' } }),
    );
    expect(both?.message).toBe(
      "params.size, metadata.annotations.owner differ from the shared claim's, whose params and metadata Workload first decides (its first owner); use the same params and metadata, or another id",
    );
    expect(both?.message).not.toMatch(/team-a|team-b/);
  });

  it('is never a conflict for the Workload that decides the spec, or one still waiting for its params', () => {
    const held = claim({ size: 'S' }, { annotations: { team: 'a' } });
    const wanted = { annotations: { team: 'b' } };
    expect(specConflict(held, workload('first'), intent({ size: 'L' }, wanted))).toBeUndefined();
    const ownerless = claim({ size: 'S' }, { annotations: { team: 'a' } }, []);
    expect(specConflict(ownerless, workload('second'), intent({ size: 'L' }, wanted))).toBeUndefined();
    expect(specConflict(held, workload('second'), intent(undefined, wanted))).toBeUndefined();
  });
});
