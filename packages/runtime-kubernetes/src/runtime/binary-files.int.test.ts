// binaryContent on a real kube-apiserver, from the WorkloadPlan CRD to the ConfigMap the container's file
// is projected from: standard base64 (with `+`, `/` and padding) is accepted by the plan's CRD and the
// bytes the API server stores in the ConfigMap's binaryData are exactly the ones the user wrote.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1ConfigMap, V1Deployment } from '@kubernetes/client-node';
import { WorkloadPlanKind } from '@score-orchestrator/api';
import { BuiltinKinds, type KubeApiError, type KubeClient } from '@score-orchestrator/operator-sdk';
import { fileKey, filesConfigMapName } from '../mapping/object-names.js';
import type { PlanObject } from '../mapping/plan-object.js';
import { startRuntimeTestbed, type RuntimeTestbed } from './fixtures/runtime-testbed.js';
import { KubernetesRuntime } from './kubernetes.runtime.js';

/** Every byte value once, then bytes whose base64 is all `+` and `/`: what must survive exactly. */
const allBytes = Buffer.from([...Array.from({ length: 256 }, (_, i) => i), 0xfb, 0xff, 0xbf, 0xfb, 0xef]);
const plusSlash = Buffer.from([0xfb, 0xff, 0xbf]); // "+/+/"
const padded = Buffer.from([0xff, 0xfe]); // "//4="

let testbed: RuntimeTestbed;
let client: KubeClient;

beforeAll(async () => {
  testbed = await startRuntimeTestbed('bin');
  client = testbed.client;
}, 120_000);

afterAll(async () => {
  await testbed?.stop();
}, 60_000);

const plan = (name: string, files: unknown[]) => ({
  apiVersion: 'score.dev/v1b1',
  kind: 'WorkloadPlan',
  metadata: { name, namespace: 'bin' },
  spec: {
    runtimeClass: 'kubernetes',
    workload: { name, uid: `uid-of-${name}`, generation: 1 },
    containers: { main: { image: 'busybox:1.36', files } },
  },
});

describe('binaryContent from a WorkloadPlan to the container file', () => {
  it('stores the exact bytes, + and / included, in the ConfigMap the file is mounted from', async () => {
    const files = [
      { target: '/opt/bin/tool', binaryContent: allBytes.toString('base64'), mode: '0755' },
      { target: '/etc/app/plus-slash.bin', binaryContent: plusSlash.toString('base64') },
      { target: '/etc/app/padded.bin', binaryContent: padded.toString('base64') },
    ];
    expect(files.map((f) => f.binaryContent).join('')).toMatch(/\+.*\/|\/.*\+/);
    const stored = await client.apply<PlanObject>(plan('tool', files) as PlanObject, { force: true });
    // The CRD keeps the text as written (no decoding to URL-safe bytes and back).
    expect(stored.spec.containers.main?.files?.map((f) => f.binaryContent)).toEqual([
      allBytes.toString('base64'),
      '+/+/',
      '//4=',
    ]);

    await new KubernetesRuntime().apply(stored, testbed.ctx);

    const configMap = await client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      namespace: 'bin',
      name: filesConfigMapName('tool', 'main'),
    });
    const bytesAt = (target: string) => Buffer.from(configMap?.binaryData?.[fileKey(target)] ?? '', 'base64');
    expect(bytesAt('/opt/bin/tool').equals(allBytes)).toBe(true);
    expect(bytesAt('/etc/app/plus-slash.bin').equals(plusSlash)).toBe(true);
    expect(bytesAt('/etc/app/padded.bin').equals(padded)).toBe(true);
    expect(configMap?.data).toBeUndefined();

    // The pod mounts each file at its target from that ConfigMap, with its mode.
    const deployment = await client.get<V1Deployment>(BuiltinKinds.Deployment, {
      namespace: 'bin',
      name: 'tool',
    });
    const pod = deployment?.spec?.template.spec;
    const mounts = pod?.containers.find((c) => c.name === 'main')?.volumeMounts ?? [];
    expect(mounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mountPath: '/opt/bin/tool', subPath: fileKey('/opt/bin/tool') }),
      ]),
    );
    const items = pod?.volumes
      ?.flatMap((v) => v.projected?.sources ?? [])
      .flatMap((s) => s.configMap?.items ?? []);
    expect(items).toContainEqual({
      key: fileKey('/opt/bin/tool'),
      path: fileKey('/opt/bin/tool'),
      mode: 0o755,
    });
  });

  it.each([
    ['URL-safe', '-_-_'],
    ['unpadded', '//4'],
    ['wrapped', 'AAAA\nAAAA'],
  ])('refuses %s base64 in a plan, naming the field', async (_kind, binaryContent) => {
    const refused = await client
      .create(WorkloadPlanKind, plan('bad', [{ target: '/a', binaryContent }]), { dryRun: true })
      .then(
        () => undefined,
        (err: unknown) => err as KubeApiError,
      );
    expect(refused?.statusCode).toBe(422);
    expect(refused?.causes.map((c) => c.field)).toEqual(['spec.containers.main.files[0].binaryContent']);
  });
});
