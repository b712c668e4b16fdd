import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import type http from 'node:http';
import type https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { shareHttpAgent } from '../client/shared-agent.js';
import { kubeconfigCases, writeCase, type KubeconfigCase } from './fixtures/kubeconfig-cases.js';
import { LeanKubeConfig } from './lean-kube-config.js';
import { toClientNodeKubeConfig } from './to-client-node.js';

type Loadable = KubeConfig | LeanKubeConfig;

const savedEnv = { ...process.env };
const dirs: string[] = [];
afterEach(() => {
  process.env = { ...savedEnv };
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function prepare(testCase: KubeconfigCase): string {
  const dir = mkdtempSync(join(tmpdir(), 'lean-kubeconfig-'));
  dirs.push(dir);
  writeCase(testCase, dir);
  delete process.env.KUBECONFIG;
  for (const [key, value] of Object.entries(testCase.env ?? {}))
    process.env[key] = value.replace(/\{dir\}/g, dir);
  if (testCase.inCluster) {
    process.env.KUBERNETES_SERVICE_HOST = testCase.inCluster.host;
    process.env.KUBERNETES_SERVICE_PORT = testCase.inCluster.port;
  }
  return dir;
}

/** Everything a caller can observe of a loaded config: its entries, and what a request would carry. */
async function observe(config: Loadable, testCase: KubeconfigCase, dir: string): Promise<unknown> {
  try {
    if (testCase.inCluster) config.loadFromCluster(dir);
    else config.loadFromDefault(testCase.opts, testCase.preserveContext);
  } catch (err) {
    return { loadError: (err as Error).message };
  }
  const seen = {
    currentContext: config.getCurrentContext(),
    contexts: config.getContexts(),
    clusters: config.getClusters(),
    users: config.getUsers(),
    currentCluster: config.getCurrentCluster(),
    currentUser: config.getCurrentUser(),
    exported: JSON.parse(config.exportConfig()) as unknown,
  };
  const opts: https.RequestOptions = {};
  try {
    await config.applyToHTTPSOptions(opts);
  } catch (err) {
    return { ...seen, applyError: (err as Error).message };
  }
  const { agent, ...rest } = opts;
  const agentOptions =
    (agent as (http.Agent & { options?: Record<string, unknown> }) | undefined)?.options ?? {};
  return { ...seen, options: plain(rest), agent: agent?.constructor.name, agentOptions: plain(agentOptions) };
}

/** Buffers as text, undefined fields dropped: what differs in value, not in representation. */
function plain(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Buffer.isBuffer(v) ? `buffer:${v.toString('utf8')}` : v]),
  );
}

describe('LeanKubeConfig', () => {
  it.each(kubeconfigCases.map((c) => [c.name, c] as const))(
    'loads and applies %s exactly as client-node KubeConfig.loadFromDefault',
    async (_name, testCase) => {
      const dir = prepare(testCase);
      const expected = await observe(new KubeConfig(), testCase, dir);
      const actual = await observe(new LeanKubeConfig(), testCase, dir);
      expect(actual).toEqual(expected);
    },
  );

  it('caches an exec credential until it expires, per user, as client-node does', async () => {
    const testCase = kubeconfigCases.find((c) => c.name.startsWith('exec plugin with args'))!;
    const dir = prepare(testCase);
    const config = new LeanKubeConfig();
    config.loadFromDefault();
    const first: https.RequestOptions = {};
    await config.applyToHTTPSOptions(first);
    rmSync(join(dir, 'plugin.sh'));
    const second: https.RequestOptions = {};
    await config.applyToHTTPSOptions(second);
    expect(second.headers).toEqual({ Authorization: 'Bearer exec-token-main' });
  });

  it('shares one keep-alive agent per TLS identity once shareHttpAgent wraps it', async () => {
    const dir = prepare(kubeconfigCases[1]!);
    const config = shareHttpAgent(new LeanKubeConfig());
    config.loadFromFile(join(dir, 'kubeconfig'));
    const [a, b]: https.RequestOptions[] = [{}, {}];
    await config.applyToHTTPSOptions(a);
    await config.applyToHTTPSOptions(b);
    expect(a.agent).toBe(b.agent);
    expect((a.agent as http.Agent & { keepAlive: boolean }).keepAlive).toBe(true);
  });

  it('hands a proxied cluster to client-node and still shares its agent', async () => {
    const dir = prepare(kubeconfigCases.find((c) => c.name === 'proxy-url')!);
    const config = shareHttpAgent(new LeanKubeConfig());
    config.loadFromFile(join(dir, 'kubeconfig'));
    const [a, b]: https.RequestOptions[] = [{}, {}];
    await config.applyToHTTPSOptions(a);
    await config.applyToHTTPSOptions(b);
    expect(a.agent?.constructor.name).toBe('HttpsProxyAgent');
    expect(a.headers).toEqual({ Authorization: 'Bearer t' });
  });

  it('converts to a client-node KubeConfig with the same contexts, and passes one through', async () => {
    const dir = prepare(kubeconfigCases[1]!);
    const lean = new LeanKubeConfig();
    lean.loadFromFile(join(dir, 'kubeconfig'));
    const full = await toClientNodeKubeConfig(lean);
    expect(full).toBeInstanceOf(KubeConfig);
    expect(JSON.parse(full.exportConfig())).toEqual(JSON.parse(lean.exportConfig()));
    expect(await toClientNodeKubeConfig(full)).toBe(full);
  });
});
