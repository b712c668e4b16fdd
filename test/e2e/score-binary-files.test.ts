// examples/score-features/binary-files.score.yaml on a LocalCluster: the Score file converts as the CLI
// converts it, the Workload reaches Ready, the pod spec mounts each file at its target with its mode, and
// the ConfigMap the files are projected from holds exactly the bytes the Score file wrote (base64 with `+`,
// `/` and padding, which the API server once refused as URL-safe).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { V1ConfigMap, V1Deployment, V1Pod } from '@kubernetes/client-node';
import {
  convertScoreFile,
  validateWorkload,
  WorkloadKind,
  WorkloadPlanKind,
  type Workload,
  type WorkloadPlan,
} from '@score-orchestrator/api';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import { eventually, waitForReady, useGoldenOrchestrator } from './golden-path/golden-path-cluster.js';

const example = join(process.cwd(), 'examples', 'score-features', 'binary-files.score.yaml');

/** The bytes each file must hold, decoded independently of the product code. */
const expected = {
  '/opt/app/greeting.bin': Buffer.concat([
    Buffer.from('Hello from Score!\n'),
    Buffer.from([0xfb, 0xef, 0xff]),
  ]),
  '/opt/app/header.bin': Buffer.concat([Buffer.from('SCORE\0'), Buffer.from([0xfb, 0xff, 0xbf, 0xfe, 0xff])]),
};
const modes = { '/opt/app/greeting.bin': 0o755, '/opt/app/header.bin': 0o644 };

describe('examples/score-features/binary-files.score.yaml', () => {
  const cluster = useGoldenOrchestrator();

  it('reaches Ready with each file mounted at its target and its bytes stored exactly', async () => {
    const ns = await cluster.golden.namespace('binary-files');
    const workload = convertScoreFile(readFileSync(example, 'utf8'), { namespace: ns });
    expect(validateWorkload(workload)).toEqual([]);
    const files = workload.spec.containers.main?.files ?? {};
    expect(
      Object.values(files)
        .map((f) => f.binaryContent)
        .join(''),
    ).toMatch(/\+/);
    expect(
      Object.values(files)
        .map((f) => f.binaryContent)
        .join(''),
    ).toMatch(/\//);
    await cluster.golden.client.create(WorkloadKind, workload);
    const ready = await waitForReady(cluster.golden.client, ns, 'binary-files');
    expect(ready.status?.conditions?.find((c) => c.type === 'InputsValid')?.status).toBe('True');

    // The Workload as stored: the API server kept the text (no URL-safe decoding on the way in).
    const stored = await cluster.golden.client.get<Workload>(WorkloadKind, {
      namespace: ns,
      name: 'binary-files',
    });
    expect(stored?.spec.containers.main?.files).toEqual(files);

    // The plan the runtime reads: the same text, never expanded.
    const plan = await cluster.golden.client.get<WorkloadPlan>(WorkloadPlanKind, {
      namespace: ns,
      name: 'binary-files',
    });
    expect(plan?.spec.containers.main?.files).toEqual(
      expect.arrayContaining(
        Object.entries(files).map(([target, { binaryContent, mode }]) => ({ target, binaryContent, mode })),
      ),
    );

    // The pod spec: one read-only subPath mount per file, from one projected volume with each file's mode.
    const deployment = await cluster.golden.client.get<V1Deployment>(BuiltinKinds.Deployment, {
      namespace: ns,
      name: 'binary-files',
    });
    const podSpec = deployment!.spec!.template.spec!;
    const container = podSpec.containers.find((c) => c.name === 'main')!;
    const mounts = new Map((container.volumeMounts ?? []).map((m) => [m.mountPath, m]));
    const volumes = new Map((podSpec.volumes ?? []).map((v) => [v.name, v]));
    let configMapName: string | undefined;
    for (const [target, mode] of Object.entries(modes)) {
      const mount = mounts.get(target);
      expect(mount).toMatchObject({ readOnly: true, subPath: expect.any(String) });
      const sources = volumes.get(mount!.name)?.projected?.sources ?? [];
      const source = sources.find((s) => s.configMap?.items?.some((i) => i.path === mount!.subPath));
      expect(source?.configMap?.items).toContainEqual({ key: mount!.subPath, path: mount!.subPath, mode });
      configMapName = source!.configMap!.name;
    }

    // The bytes: what the kubelet writes into the container's file is the ConfigMap's binaryData.
    const configMap = await cluster.golden.client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      namespace: ns,
      name: configMapName!,
    });
    for (const [target, bytes] of Object.entries(expected)) {
      const key = mounts.get(target)!.subPath!;
      expect(Buffer.from(configMap!.binaryData![key]!, 'base64').equals(bytes)).toBe(true);
    }
    expect(configMap?.data).toBeUndefined();

    // A pod of the rollout carries the same mounts (what the node was asked to run).
    const pod = await eventually(async () => {
      const { items } = await cluster.golden.client.list<V1Pod>(BuiltinKinds.Pod, { namespace: ns });
      return items.find((p) => p.metadata?.labels?.['app.kubernetes.io/instance'] === 'binary-files');
    }, 'a pod of binary-files');
    const podMounts = pod.spec?.containers.find((c) => c.name === 'main')?.volumeMounts ?? [];
    expect(podMounts.map((m) => m.mountPath)).toEqual(expect.arrayContaining(Object.keys(expected)));
    expect(cluster.orchestrator.logs.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
