// `run` against a real kube-apiserver: the probe server binds the host given in --metrics-bind-address.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, type ControlPlane } from '@score-orchestrator/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScoreControlPlane } from '../fixtures/shipped-orchestrator.js';
import { captureContext } from '../testing/capture-context.js';
import { runCli } from '../cli.js';

let cp: ControlPlane;
let dir: string;

beforeAll(async () => {
  cp = await startScoreControlPlane();
  dir = await mkdtemp(join(tmpdir(), 'run-command-'));
  await writeFile(
    join(dir, 'platform.yaml'),
    'apiVersion: score.dev/v1b1\nkind: PlatformConfig\ndefaults: { runtimeClass: kubernetes }\n',
  );
});
afterAll(async () => {
  await cp?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** A port free on every interface right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The HTTP status of GET /healthz on host:port, or the connection error's code. */
function healthz(host: string, port: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    req.end();
  });
}

describe('score-orchestrator run --metrics-bind-address', () => {
  it('serves the probes on the given host only', async () => {
    const port = await freePort();
    const abort = new AbortController();
    const context = { ...captureContext(dir), signal: abort.signal };
    // 127.0.0.2 is a loopback address of its own: a server bound to it does not answer on 127.0.0.1.
    const running = runCli(
      [
        'run',
        '--config',
        'platform.yaml',
        '--kubeconfig',
        cp.kubeconfigPath,
        '--metrics-bind-address',
        `127.0.0.2:${port}`,
        '--log-level',
        'error',
      ],
      context,
    );
    try {
      await eventually(
        async () => (await healthz('127.0.0.2', port)) === 200,
        'the probe server on 127.0.0.2',
        { timeoutMs: 60_000 }, // the CLI starts a whole orchestrator: slow on a loaded machine
      );
      expect(await healthz('127.0.0.1', port)).toBe('ECONNREFUSED');
    } finally {
      abort.abort();
      expect(await running).toBe(0);
    }
  });
});
