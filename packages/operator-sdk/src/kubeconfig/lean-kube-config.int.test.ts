import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { ControlPlane } from '@score-orchestrator/testing';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { KubeClient } from '../client/kube-client.js';
import { Manager } from '../manager/manager.js';
import { Container } from 'inversify';
import { LeanKubeConfig } from './lean-kube-config.js';
import { toClientNodeKubeConfig } from './to-client-node.js';

jest.setTimeout(60_000);
let cp: ControlPlane;
let dir: string;
let admin: { server: string; ca: string; cert: string; key: string };
const savedKubeconfig = process.env.KUBECONFIG;

beforeAll(async () => {
  cp = await ControlPlane.start();
  dir = mkdtempSync(join(tmpdir(), 'lean-kubeconfig-int-'));
  writeFileSync(join(dir, 'kubeconfig'), cp.kubeConfig.exportConfig());
  const cluster = cp.kubeConfig.getCurrentCluster()!;
  const user = cp.kubeConfig.getCurrentUser()!;
  admin = { server: cluster.server, ca: cluster.caData!, cert: user.certData!, key: user.keyData! };
});
afterAll(async () => {
  process.env.KUBECONFIG = savedKubeconfig;
  rmSync(dir, { recursive: true, force: true });
  await cp?.stop();
});

describe('LeanKubeConfig against a real API server', () => {
  it('authenticates with the client certificate of a kubeconfig file', async () => {
    const config = new LeanKubeConfig();
    config.loadFromFile(join(dir, 'kubeconfig'));
    const client = new KubeClient(config, { fieldManager: 'lean-test' });
    const ns = await client.get(BuiltinKinds.Namespace, { name: 'default' });
    expect(ns?.metadata?.name).toBe('default');
  });

  it('authenticates with the client certificate an exec credential plugin prints', async () => {
    const pem = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8').replace(/\n/g, '\\n');
    const plugin = join(dir, 'plugin.sh');
    const credential = `{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"${pem(admin.cert)}","clientKeyData":"${pem(admin.key)}"}}`;
    writeFileSync(plugin, `#!/bin/sh\ncat <<'JSON'\n${credential}\nJSON\n`);
    chmodSync(plugin, 0o755);
    const config = new LeanKubeConfig();
    config.loadFromString(
      JSON.stringify({
        'current-context': 'exec',
        clusters: [
          { name: 'local', cluster: { server: admin.server, 'certificate-authority-data': admin.ca } },
        ],
        users: [
          {
            name: 'exec',
            user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin } },
          },
        ],
        contexts: [{ name: 'exec', context: { cluster: 'local', user: 'exec' } }],
      }),
    );
    const client = new KubeClient(config, { fieldManager: 'lean-test' });
    const ns = await client.get(BuiltinKinds.Namespace, { name: 'kube-system' });
    expect(ns?.metadata?.name).toBe('kube-system');
  });

  it('is what a Manager without a kubeConfig option loads from KUBECONFIG, and it connects', async () => {
    process.env.KUBECONFIG = join(dir, 'kubeconfig');
    const manager = Manager.create({ container: new Container(), name: 'lean-default', probePort: false });
    expect(manager.kubeConfig).toBeInstanceOf(LeanKubeConfig);
    const ns = await manager.client.get(BuiltinKinds.Namespace, { name: 'default' });
    expect(ns?.metadata?.name).toBe('default');
  });

  it('loads the default kubeconfig, and gives a client-node KubeConfig for generated APIs on demand', async () => {
    process.env.KUBECONFIG = join(dir, 'kubeconfig');
    // #region lean-kubeconfig
    const kubeConfig = new LeanKubeConfig();
    kubeConfig.loadFromDefault(); // KUBECONFIG (merged), ~/.kube/config, in-cluster: as client-node does
    const client = new KubeClient(kubeConfig, { fieldManager: 'my-operator' });
    // One of client-node's generated APIs after all? This imports client-node, now:
    const core = (await toClientNodeKubeConfig(kubeConfig)).makeApiClient(CoreV1Api);
    // #endregion lean-kubeconfig
    expect((await client.get(BuiltinKinds.Namespace, { name: 'default' }))?.metadata?.name).toBe('default');
    expect((await core.readNamespace({ name: 'default' })).metadata?.name).toBe('default');
  });
});
