// `run` on a cluster that cannot host the orchestrator yet: no CRDs, no API server, refused credentials.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KubeConfig } from '@kubernetes/client-node';
import { createLogger } from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli.js';
import { captureContext } from '../testing/capture-context.js';
import { checkCluster, ClusterReadiness } from './cluster-readiness.js';

const crds = fileURLToPath(new URL('../../../../crds', import.meta.url));
let cp: ControlPlane;
let dir: string;

beforeAll(async () => {
  cp = await ControlPlane.start(); // no CRDs yet
  dir = await mkdtemp(join(tmpdir(), 'cluster-readiness-'));
  await writeFile(join(dir, 'platform.yaml'), 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n');
});
afterAll(async () => {
  await cp?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** A logger whose JSON lines land in `lines`. */
function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ stream }), lines };
}

/** A TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function kubeConfigFor(server: string, token: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return kubeConfig;
}

function readyz(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/readyz?verbose', timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('score-orchestrator run on a cluster without the CRDs', () => {
  it('names the missing CRDs on /readyz (score-crds) while the API server check passes', async () => {
    const port = await closedPort();
    const abort = new AbortController();
    const running = runCli(
      [
        'run',
        '--config',
        'platform.yaml',
        '--kubeconfig',
        cp.kubeconfigPath,
        '--probe-port',
        String(port),
        '--log-level',
        'error',
      ],
      { ...captureContext(dir), signal: abort.signal },
    );
    try {
      const answer = await eventually(
        async () => {
          const res = await readyz(port).catch(() => undefined);
          return res?.body.includes('[-]score-crds failed') ? res : undefined;
        },
        '/readyz naming score-crds',
        { timeoutMs: 60_000 }, // the CLI starts a whole orchestrator: slow on a loaded machine
      );
      expect(answer.status).toBe(500);
      expect(answer.body).toContain(
        '[-]score-crds failed: the score.dev custom resource definitions are not installed: workloads, resourceclaims, workloadplans',
      );
      expect(answer.body).toContain('[+]api-server ok');
    } finally {
      abort.abort();
      await running;
    }
  });
});

describe('ClusterReadiness', () => {
  it('says at error level which CRDs are missing and how to install them, then that they are there', async () => {
    const { logger, lines } = capturingLogger();
    const readiness = new ClusterReadiness({ kubeConfig: cp.kubeConfig, logger, intervalMs: 100 });
    try {
      await readiness.start();
      expect(readiness.current).toEqual({
        kind: 'crds-missing',
        missing: ['workloads', 'resourceclaims', 'workloadplans'],
      });
      expect(() => readiness.crdsCheck()).toThrow('not installed');
      expect(() => readiness.apiServerCheck()).not.toThrow();
      expect(lines).toEqual([
        expect.objectContaining({
          level: 'error',
          message: 'the score.dev custom resource definitions are not installed',
          fix: expect.stringContaining('score-orchestrator crds | kubectl apply'),
        }),
      ]);

      await cp.installCrds([crds]);
      await eventually(async () => readiness.current === undefined, 'the CRDs seen as served');
      expect(() => readiness.crdsCheck()).not.toThrow();
      expect(lines.at(-1)).toMatchObject({ level: 'info', message: 'cluster ready for the orchestrator' });
      expect(await checkCluster(cp.kubeConfig)).toBeUndefined();
    } finally {
      readiness.stop();
    }
  });

  it('says at error level that the API server is unreachable, and again at warn while it stays so', async () => {
    const { logger, lines } = capturingLogger();
    const server = `https://127.0.0.1:${await closedPort()}`;
    const readiness = new ClusterReadiness({
      kubeConfig: kubeConfigFor(server, 'x'),
      logger,
      intervalMs: 50,
      repeatMs: 200,
    });
    try {
      await readiness.start();
      expect(readiness.current).toMatchObject({ kind: 'unreachable', server });
      expect(() => readiness.apiServerCheck()).toThrow('cannot reach the Kubernetes API server');
      expect(() => readiness.crdsCheck()).not.toThrow();
      await eventually(async () => lines.length >= 2, 'a repeated warning', { timeoutMs: 30_000 });
      expect(lines[0]).toMatchObject({
        level: 'error',
        message: 'cannot reach the Kubernetes API server',
        server,
      });
      expect(lines[0].fix).toContain('KUBECONFIG');
      expect(lines[1]).toMatchObject({ level: 'warn', still: true });
    } finally {
      readiness.stop();
    }
  });

  it('tells refused credentials apart from an unreachable server', async () => {
    expect(await checkCluster(kubeConfigFor(cp.server, 'not-a-token'))).toEqual({
      kind: 'unauthorized',
      server: cp.server,
      status: 401,
    });
  });
});
