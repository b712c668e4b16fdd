// examples/score-features/volume.score.yaml on a LocalCluster: a `volume` resource mounted with
// `source: ${resources.data}` (the Score spec's own example). The Workload reaches Ready, and the pod's volume
// references the PersistentVolumeClaim the dev volume resolver made (its `source` output), which binds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { V1Deployment, V1PersistentVolumeClaim, V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { convertScoreFile, validateScoreFile, WorkloadKind } from '@score-orchestrator/api';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import {
  claimsIn,
  eventually,
  waitForReady,
  useGoldenOrchestrator,
} from './golden-path/golden-path-cluster.js';

const example = join(process.cwd(), 'examples', 'score-features', 'volume.score.yaml');

/**
 * The pod's PVC volumes (name, claim) and where container `main` mounts them. Other volumes (the API server
 * adds a service account token to every pod) are not ours.
 */
function volumesOf(spec: V1PodSpec) {
  const claims = (spec.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim ? [{ name: v.name, claimName: v.persistentVolumeClaim.claimName }] : [],
  );
  const mounts = (spec.containers.find((c) => c.name === 'main')?.volumeMounts ?? [])
    .filter((m) => claims.some((c) => c.name === m.name))
    .map((m) => ({ name: m.name, mountPath: m.mountPath }));
  return { claims, mounts };
}

describe('examples/score-features/volume.score.yaml', () => {
  const cluster = useGoldenOrchestrator();

  it('reaches Ready with the pod mounting the PersistentVolumeClaim the resolver created', async () => {
    const text = readFileSync(example, 'utf8');
    expect(validateScoreFile(text).issues).toEqual([]);
    const ns = await cluster.golden.namespace('volume');
    await cluster.golden.client.create(WorkloadKind, convertScoreFile(text, { namespace: ns }));
    const ready = await waitForReady(cluster.golden.client, ns, 'volume');
    expect(ready.status?.claims).toEqual([
      expect.objectContaining({ name: 'data', type: 'volume', phase: 'Bound' }),
    ]);

    // The claim the resolver made: its `source` output names the PVC, which exists (and bound).
    const [claim] = await claimsIn(cluster.golden.client, ns);
    const { items: pvcs } = await cluster.golden.client.list<V1PersistentVolumeClaim>(
      BuiltinKinds.PersistentVolumeClaim,
      {
        namespace: ns,
        labelSelector: `score.dev/claim=${claim!.metadata.name}`,
      },
    );
    expect(pvcs).toHaveLength(1);
    const pvc = pvcs[0]!;
    expect(pvc.metadata?.name).not.toBe(claim!.metadata.name);
    expect(pvc.spec?.resources?.requests?.['storage']).toBe('1Gi');
    expect(claim!.status?.outputs?.['source']).toEqual({
      persistentVolumeClaim: { claimName: pvc.metadata?.name },
    });
    const bound = await eventually(async () => {
      const found = await cluster.golden.client.get<V1PersistentVolumeClaim>(
        BuiltinKinds.PersistentVolumeClaim,
        {
          namespace: ns,
          name: pvc.metadata!.name!,
        },
      );
      return found?.status?.phase === 'Bound' ? found : undefined;
    }, 'the PVC bound');
    expect(bound.spec?.volumeName).toBeTruthy();

    // The pod template and a pod of the rollout mount exactly that claim at /data.
    const expected = {
      claims: [{ name: expect.any(String), claimName: pvc.metadata!.name! }],
      mounts: [{ name: expect.any(String), mountPath: '/data' }],
    };
    const deployment = await cluster.golden.client.get<V1Deployment>(BuiltinKinds.Deployment, {
      namespace: ns,
      name: 'volume',
    });
    const template = volumesOf(deployment!.spec!.template.spec!);
    expect(template).toEqual(expected);
    expect(template.mounts[0]!.name).toBe(template.claims[0]!.name);
    const pod = await eventually(async () => {
      const { items } = await cluster.golden.client.list<V1Pod>(BuiltinKinds.Pod, { namespace: ns });
      return items.find((p) => p.metadata?.labels?.['app.kubernetes.io/instance'] === 'volume');
    }, 'a pod of volume');
    expect(volumesOf(pod.spec!)).toEqual(expected);
    expect(cluster.orchestrator.logs.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
