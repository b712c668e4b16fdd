// Probes of a running `score-orchestrator run` process from the outside: its pid, its Lease, its /readyz.
import { request } from 'node:http';
import { CoordinationV1Api, type KubeConfig } from '@kubernetes/client-node';

/** The Lease `run --leader-elect` takes (the manager's name + `-leader`). */
export const ORCHESTRATOR_LEASE = 'score-orchestrator-leader';

/** Whether a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The holder of the orchestrator's Lease in `namespace` ('' once released), or undefined before one exists. */
export async function leaseHolder(kubeConfig: KubeConfig, namespace: string): Promise<string | undefined> {
  const lease = await kubeConfig
    .makeApiClient(CoordinationV1Api)
    .readNamespacedLease({ namespace, name: ORCHESTRATOR_LEASE })
    .catch(() => undefined);
  return lease === undefined ? undefined : (lease.spec?.holderIdentity ?? '');
}

/** The pid in a holder identity (`hostname_pid_random`), or 0. */
export function holderPid(holder: string): number {
  return Number(/_(\d+)_[a-z0-9]+$/.exec(holder)?.[1] ?? 0);
}

/** GET /readyz?verbose on 127.0.0.1:port; undefined while nothing answers. */
export function readyz(port: number): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/readyz?verbose', timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve(undefined));
    req.end();
  });
}
