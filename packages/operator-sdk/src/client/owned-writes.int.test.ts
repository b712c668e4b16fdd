import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { ControlPlane } from '@score-orchestrator/testing';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { KubeClient } from './kube-client.js';
import { applyOwned, checkOwnership, deleteOwned } from './owned-writes.js';
import { getControllerOf } from './owner-references.js';
import { ownershipConflictOf } from './ownership-conflict.error.js';

jest.setTimeout(60_000);
const { ConfigMap, Namespace } = BuiltinKinds;
const ns = 'owned-writes';
let cp: ControlPlane;
let client: KubeClient;
let owner: V1ConfigMap;

beforeAll(async () => {
  cp = await ControlPlane.start();
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'owned-test' });
  await client.create(Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  owner = await client.create(ConfigMap, configMap('owner'));
});
afterAll(async () => cp?.stop());

function configMap(
  name: string,
  data: Record<string, string> = {},
  labels?: Record<string, string>,
): V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: ns, name, labels }, data };
}

describe('ownership-checked writes against a real API server', () => {
  it('creates an absent object controlled by the owner, then re-applies it (uid pinned) on later calls', async () => {
    const created = await applyOwned(client, configMap('mine', { a: '1' }), { ownership: { owner } });
    expect(getControllerOf(created)?.uid).toBe(owner.metadata?.uid);
    const again = await applyOwned(client, configMap('mine', { a: '2' }), { ownership: { owner } });
    expect(again.metadata?.uid).toBe(created.metadata?.uid);
    expect(again.data).toEqual({ a: '2' });
  });

  it('refuses to write over, or delete, an object someone else made, leaving it untouched', async () => {
    const victim = await client.create(ConfigMap, configMap('theirs', { secret: 'x' }));
    const err = await applyOwned(client, configMap('theirs', { secret: 'y' }), {
      ownership: { owner },
    }).catch((e: unknown) => e);
    expect(ownershipConflictOf(err)?.message).toBe(
      `failed to apply ConfigMap ${ns}/theirs: an object of that name exists and is not controlled by ConfigMap ${ns}/owner`,
    );
    await expect(
      checkOwnership(client, [configMap('absent'), configMap('theirs')], { owner }),
    ).rejects.toMatchObject({ kind: 'NotOwned', objectKind: 'ConfigMap' });
    expect(await deleteOwned(client, ConfigMap, { namespace: ns, name: 'theirs' }, { owner })).toBe(
      'notOwned',
    );
    const after = await client.get<V1ConfigMap>(ConfigMap, { namespace: ns, name: 'theirs' });
    expect(after?.metadata?.resourceVersion).toBe(victim.metadata?.resourceVersion);
  });

  it('adopts an uncontrolled object only when it carries the identity labels', async () => {
    const labels = { 'example.com/owner': 'owner' };
    await client.create(ConfigMap, configMap('kept', {}, labels));
    const adopted = await applyOwned(client, configMap('kept', { b: '1' }), { ownership: { owner, labels } });
    expect(getControllerOf(adopted)?.uid).toBe(owner.metadata?.uid);
    await client.create(ConfigMap, configMap('unlabelled'));
    await expect(
      applyOwned(client, configMap('unlabelled'), { ownership: { owner, labels } }),
    ).rejects.toMatchObject({ kind: 'NotOwned' });
  });

  it('does not write an object replaced by someone else after it was read (uid precondition)', async () => {
    const first = await applyOwned(client, configMap('swapped'), { ownership: { owner } });
    await client.delete(ConfigMap, { namespace: ns, name: 'swapped' });
    const impostor = await client.create(ConfigMap, configMap('swapped', { theirs: 'yes' }));
    // A stale read (e.g. a lagging cache) still shows our object: the write must not land on the new one.
    // (A change, since an apply of what the stale copy already shows is skipped without a request.)
    const err = await applyOwned(client, configMap('swapped', { ours: 'changed' }), {
      ownership: { owner },
      current: first,
    }).catch((e: unknown) => e);
    expect(ownershipConflictOf(err)).toBeDefined();
    const after = await client.get<V1ConfigMap>(ConfigMap, { namespace: ns, name: 'swapped' });
    expect(after?.metadata?.resourceVersion).toBe(impostor.metadata?.resourceVersion);
  });

  it('deletes what it controls and reports absent objects', async () => {
    await applyOwned(client, configMap('doomed'), { ownership: { owner } });
    const key = { namespace: ns, name: 'doomed' };
    expect(await deleteOwned(client, ConfigMap, key, { owner })).toBe('deleted');
    expect(await deleteOwned(client, ConfigMap, key, { owner })).toBe('absent');
  });
});
