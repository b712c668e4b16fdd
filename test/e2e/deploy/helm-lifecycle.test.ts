// The chart's life on a real API server through real helm: install, an upgrade that changes a CRD, and an
// uninstall that leaves the CRDs and the Workloads behind.
import { cp as copy, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import { WorkloadKind } from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient } from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { parse, stringify } from 'yaml';

import { ensureDeployTool } from './deploy-tools.js';
import { chartDir, runHelm } from './rendered-manifests.js';

// A cold build of helm takes minutes; a cached build takes none.
jest.setTimeout(900_000);

const RELEASE = ['score-orchestrator', '--namespace', 'score-system'];
const UPGRADE_COLUMN = { name: 'Upgraded', type: 'string', jsonPath: '.metadata.uid', priority: 1 };

describe('the Helm chart on a real API server', () => {
  let cp: ControlPlane;
  let client: KubeClient;
  let chart: string;

  beforeAll(async () => {
    await ensureDeployTool('helm');
    cp = await ControlPlane.start();
    client = new KubeClient(cp.kubeConfig, { fieldManager: 'helm-lifecycle-test' });
    // A copy of the chart whose Workload CRD the upgrade changes, as a new chart version would.
    chart = join(await mkdtemp(join(tmpdir(), 'chart-')), 'score-orchestrator');
    await copy(chartDir, chart, { recursive: true });
  });

  afterAll(async () => {
    await cp?.stop();
    if (chart) await rm(join(chart, '..'), { recursive: true, force: true });
  });

  const workloadCrd = () =>
    client.get<V1CustomResourceDefinition>(BuiltinKinds.CustomResourceDefinition, {
      name: 'workloads.score.dev',
    });

  it('installs the CRDs with the release, and they are served', async () => {
    await runHelm(cp.kubeconfigPath, ['install', ...RELEASE, chart, '--create-namespace']);
    const crd = await eventually(async () => {
      const current = await workloadCrd();
      const established = current?.status?.conditions?.some(
        (c) => c.type === 'Established' && c.status === 'True',
      );
      return established ? current : undefined;
    }, 'the Workload CRD to be established');
    expect(crd.metadata?.annotations).toMatchObject({ 'helm.sh/resource-policy': 'keep' });
    expect(crd.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'Helm' });
    expect(
      await client.get(BuiltinKinds.ServiceAccount, {
        namespace: 'score-system',
        name: 'score-orchestrator',
      }),
    ).toBeDefined();
  });

  it('helm upgrade upgrades a changed CRD', async () => {
    const file = join(chart, 'files', 'crds', 'score.dev_workloads.yaml');
    const crd = parse(await readFile(file, 'utf8')) as V1CustomResourceDefinition;
    crd.spec.versions[0]!.additionalPrinterColumns = [
      ...(crd.spec.versions[0]!.additionalPrinterColumns ?? []),
      UPGRADE_COLUMN,
    ];
    await writeFile(file, stringify(crd));

    await runHelm(cp.kubeconfigPath, ['upgrade', ...RELEASE, chart]);
    const columns = (await workloadCrd())?.spec.versions[0]?.additionalPrinterColumns ?? [];
    expect(columns).toContainEqual(expect.objectContaining(UPGRADE_COLUMN));
  });

  it('helm uninstall keeps the CRDs and every Workload', async () => {
    await client.create(WorkloadKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'Workload',
      metadata: { name: 'survivor', namespace: 'default' },
      spec: { containers: { main: { image: 'nginx:1.27' } } },
    });
    await runHelm(cp.kubeconfigPath, ['uninstall', ...RELEASE, '--wait']);

    expect(
      await client.get(BuiltinKinds.ServiceAccount, {
        namespace: 'score-system',
        name: 'score-orchestrator',
      }),
    ).toBeUndefined();
    expect(await workloadCrd()).toBeDefined();
    expect(await client.get(WorkloadKind, { namespace: 'default', name: 'survivor' })).toBeDefined();
  });
});
