// examples/score-features/before.score.yaml on a LocalCluster: `A.before.B` runs A before B. The Workload
// reaches Ready, and the pod spec lays the containers out as Score means it: the containers with `before`
// entries are init containers in dependency order (proxy, a native sidecar gated on its readiness probe,
// then migrate, run to completion), and the one without is the only regular container.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { V1Container, V1Deployment, V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { convertScoreFile, validateScoreFile, WorkloadKind } from '@score-orchestrator/api';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import { eventually, waitForReady, useGoldenOrchestrator } from './golden-path/golden-path-cluster.js';

const example = join(process.cwd(), 'examples', 'score-features', 'before.score.yaml');
const proxyProbeCommand = ['cat', '/tmp/ready'];

/**
 * What decides the start order: names, restart policies and startup probe commands, in list order (the API
 * server adds probe timing defaults, which are not ours to assert).
 */
function layout(spec: V1PodSpec) {
  const roles = (containers: V1Container[] | undefined) =>
    (containers ?? []).map((c) => ({
      name: c.name,
      restartPolicy: c.restartPolicy,
      startupProbe: c.startupProbe?.exec?.command,
    }));
  return { initContainers: roles(spec.initContainers), containers: roles(spec.containers) };
}

const expectedLayout = {
  initContainers: [
    // proxy is before migrate and web: first, kept running (a native sidecar), gated on its readiness probe.
    { name: 'proxy', restartPolicy: 'Always', startupProbe: proxyProbeCommand },
    // migrate is before web with ready: complete: a run-to-completion init container.
    { name: 'migrate', restartPolicy: undefined, startupProbe: undefined },
  ],
  // web has no before entries: the one regular container.
  containers: [{ name: 'web', restartPolicy: undefined, startupProbe: undefined }],
};

describe('examples/score-features/before.score.yaml', () => {
  const cluster = useGoldenOrchestrator();

  it('reaches Ready with init containers in before order and the container without before as the regular one', async () => {
    const text = readFileSync(example, 'utf8');
    expect(validateScoreFile(text).issues).toEqual([]);
    const ns = await cluster.golden.namespace('before');
    await cluster.golden.client.create(WorkloadKind, convertScoreFile(text, { namespace: ns }));
    const ready = await waitForReady(cluster.golden.client, ns, 'before');
    expect(ready.status?.conditions?.find((c) => c.type === 'InputsValid')?.status).toBe('True');

    const deployment = await cluster.golden.client.get<V1Deployment>(BuiltinKinds.Deployment, {
      namespace: ns,
      name: 'before',
    });
    const template = deployment!.spec!.template.spec!;
    expect(layout(template)).toEqual(expectedLayout);
    // A run-to-completion init container may carry no probes; the sidecar keeps its readiness probe.
    const [proxy, migrate] = template.initContainers!;
    expect(proxy?.readinessProbe?.exec?.command).toEqual(proxyProbeCommand);
    expect(migrate?.readinessProbe).toBeUndefined();

    // A pod of the rollout: what the node was asked to run, as the API server stored it.
    const pod = await eventually(async () => {
      const { items } = await cluster.golden.client.list<V1Pod>(BuiltinKinds.Pod, { namespace: ns });
      return items.find((p) => p.metadata?.labels?.['app.kubernetes.io/instance'] === 'before');
    }, 'a pod of before');
    expect(layout(pod.spec!)).toEqual(expectedLayout);
    expect(cluster.orchestrator.logs.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
