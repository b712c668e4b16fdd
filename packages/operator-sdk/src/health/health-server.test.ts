import { afterEach, describe, expect, it } from '@jest/globals';
import { Counter, Registry } from 'prom-client';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { HealthServer, type HealthServerOptions } from './health-server.js';
import { NotReadyError } from './not-ready.error.js';

const servers: HealthServer[] = [];

async function started(
  options: HealthServerOptions = {},
): Promise<{ server: HealthServer; get: typeof fetch }> {
  const server = new HealthServer({ host: '127.0.0.1', port: 0, ...options });
  servers.push(server);
  await server.start();
  const base = `http://127.0.0.1:${server.address?.port}`;
  return { server, get: (path, init) => fetch(`${base}${String(path)}`, init) };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const failing = (): never => {
  throw new Error('secret-token-123 leaked into an error');
};

describe('HealthServer probes', () => {
  it('answers 200 ok when every check passes', async () => {
    const { server, get } = await started();
    server.addHealthCheck('informers', () => true).addReadinessCheck('cache', async () => undefined);
    for (const path of ['/healthz', '/readyz']) {
      const res = await get(path);
      expect([res.status, await res.text()]).toEqual([200, 'ok']);
    }
  });

  it('lists each check with ?verbose, as Kubernetes does', async () => {
    const { server, get } = await started();
    server.addReadinessCheck('cache', () => undefined);
    const res = await get('/readyz?verbose');
    expect(await res.text()).toBe('[+]ping ok\n[+]cache ok\nreadyz check passed\n');
  });

  it('answers 500 naming the failing checks, withholding their reasons', async () => {
    const { server, get } = await started();
    server.addHealthCheck('good', () => undefined).addHealthCheck('leader', failing);
    server.addHealthCheck('async', () => Promise.reject(new Error('nope')));
    const res = await get('/healthz');
    const body = await res.text();
    expect(res.status).toBe(500);
    expect(body).toBe(
      '[+]ping ok\n[+]good ok\n[-]leader failed: reason withheld\n[-]async failed: reason withheld\nhealthz check failed\n',
    );
    expect(body).not.toContain('secret');
  });

  it('shows the reason of a NotReadyError, and only that one', async () => {
    const { server, get } = await started();
    server.addReadinessCheck('informers', () => {
      throw new NotReadyError('watches disconnected for 75s: Workload.score.dev');
    });
    server.addReadinessCheck('leader', failing);
    const res = await get('/readyz');
    expect([res.status, await res.text()]).toEqual([
      500,
      '[+]ping ok\n[-]informers failed: watches disconnected for 75s: Workload.score.dev\n[-]leader failed: reason withheld\nreadyz check failed\n',
    ]);
  });

  it('keeps liveness and readiness apart', async () => {
    const { server, get } = await started();
    server.addReadinessCheck('warming-up', failing);
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(500);
  });

  it('serves one check at /readyz/<name> and skips ?exclude=<name>', async () => {
    const { server, get } = await started();
    server.addReadinessCheck('cache', () => undefined).addReadinessCheck('db', failing);
    expect((await get('/readyz/cache')).status).toBe(200);
    expect((await get('/readyz/db')).status).toBe(500);
    expect((await get('/readyz/missing')).status).toBe(404);
    const res = await get('/readyz?exclude=db&verbose');
    expect([res.status, await res.text()]).toEqual([
      200,
      '[+]ping ok\n[+]cache ok\n[+]db excluded: ok\nreadyz check passed\n',
    ]);
  });

  it('fails a check that hangs past the timeout instead of hanging the probe', async () => {
    const { server, get } = await started({ checkTimeoutMs: 50 });
    server.addHealthCheck('stuck', () => new Promise(() => undefined));
    const began = Date.now();
    expect((await get('/healthz')).status).toBe(500);
    // Well below the 5 s default, so the option is what ended it; far above the 50 ms, for loaded machines.
    expect(Date.now() - began).toBeLessThan(4_000);
  });

  it('rejects duplicate and malformed check names as configuration errors', async () => {
    const server = new HealthServer();
    server.addHealthCheck('a', () => undefined);
    for (const name of ['a', 'ping', 'has/slash', '']) {
      let caught: unknown;
      try {
        server.addHealthCheck(name, () => undefined);
      } catch (err) {
        caught = err;
      }
      expect(OperatorSdkError.is(caught) && caught.kind).toBe('Configuration');
    }
  });
});

describe('HealthServer /metrics and routing', () => {
  it('serves the registry in the Prometheus text format', async () => {
    const registry = new Registry();
    new Counter({ name: 'reconcile_total', help: 'Reconciles.', registers: [registry] }).inc(3);
    const { get } = await started({ registry });
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('reconcile_total 3');
  });

  it.each([
    ['/metrics without a registry', '/metrics', 'GET', 404],
    ['an unknown path', '/nope', 'GET', 404],
    ['a nested unknown path', '/healthz/a/b', 'GET', 404],
    ['a POST', '/healthz', 'POST', 405],
    ['a HEAD', '/healthz', 'HEAD', 200],
  ])('answers %s with %i', async (_case, path, method, status) => {
    const { get } = await started();
    expect((await get(path, { method })).status).toBe(status);
  });
});

describe('HealthServer lifecycle', () => {
  it('reports its random port, stops, and can be stopped twice', async () => {
    const { server } = await started();
    expect(server.address?.port).toBeGreaterThan(0);
    await server.stop();
    expect(server.address).toBeUndefined();
    await expect(server.stop()).resolves.toBeUndefined();
  });

  it('fails to start on a taken port with a Configuration error', async () => {
    const { server } = await started();
    const second = new HealthServer({ host: '127.0.0.1', port: server.address?.port });
    await expect(second.start()).rejects.toMatchObject({ kind: 'Configuration' });
  });

  it('closes keep-alive connections on stop instead of waiting for them', async () => {
    const { server, get } = await started();
    await (await get('/healthz', { keepalive: true })).text();
    const began = Date.now();
    await server.stop();
    // Below Node's 5 s keep-alive timeout, which a stop that waited for the connection would sit out.
    expect(Date.now() - began).toBeLessThan(4_000);
  });
});
