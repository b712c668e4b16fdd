// Whether the cluster `run` talks to can host the orchestrator at all: the API server answers, accepts the
// credentials, and serves the score.dev CRDs. Said at error level with what to do, and on /readyz.
import {
  NotReadyError,
  type HealthCheck,
  type KubeConfigLike,
  type Logger,
} from '@score-orchestrator/operator-sdk';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { clearTimeout, setTimeout } from 'node:timers';

/** The custom resources the orchestrator watches, as discovery names them under `score.dev/v1b1`. */
export const SCORE_RESOURCES = ['workloads', 'resourceclaims', 'workloadplans'] as const;
const SCORE_GROUP_VERSION = 'score.dev/v1b1';

/** What stands between `run` and a working orchestrator. */
export type ClusterProblem =
  | { readonly kind: 'unreachable'; readonly server: string; readonly err: string }
  | { readonly kind: 'unauthorized'; readonly server: string; readonly status: number }
  | { readonly kind: 'crds-missing'; readonly missing: readonly string[] };

/** The line to log for a problem (constant per kind) and what to do about it. */
export function describeProblem(problem: ClusterProblem): { message: string; fix: string } {
  switch (problem.kind) {
    case 'unreachable':
      return {
        message: 'cannot reach the Kubernetes API server',
        fix:
          `check that ${problem.server} is up and reachable from here, and that --kubeconfig or KUBECONFIG ` +
          'names the cluster you mean (in a pod: the ServiceAccount token and KUBERNETES_SERVICE_HOST)',
      };
    case 'unauthorized':
      return {
        message: 'the Kubernetes API server refused the credentials',
        fix: 'renew the kubeconfig credentials, or check the ServiceAccount token the pod mounts',
      };
    case 'crds-missing':
      return {
        message: 'the score.dev custom resource definitions are not installed',
        fix:
          'install them with `score-orchestrator crds | kubectl apply --server-side -f -` ' +
          '(the Helm chart and the kustomize base carry them too)',
      };
  }
}

/**
 * Asks the API server's discovery for `score.dev/v1b1` (readable by every authenticated user).
 * @returns undefined when every resource of {@link SCORE_RESOURCES} is served, else the problem.
 */
export async function checkCluster(
  kubeConfig: KubeConfigLike,
  timeoutMs = 5_000,
): Promise<ClusterProblem | undefined> {
  const server = kubeConfig.getCurrentCluster()?.server ?? '(no current cluster)';
  let response: { status: number; body: string };
  try {
    response = await get(kubeConfig, `/apis/${SCORE_GROUP_VERSION}`, timeoutMs);
  } catch (err) {
    return { kind: 'unreachable', server, err: err instanceof Error ? err.message : String(err) };
  }
  if (response.status === 401 || response.status === 403)
    return { kind: 'unauthorized', server, status: response.status };
  if (response.status === 404) return { kind: 'crds-missing', missing: [...SCORE_RESOURCES] };
  if (response.status !== 200) {
    return { kind: 'unreachable', server, err: `discovery answered HTTP ${response.status}` };
  }
  const served = new Set(
    ((JSON.parse(response.body) as { resources?: { name: string }[] }).resources ?? []).map((r) => r.name),
  );
  const missing = SCORE_RESOURCES.filter((name) => !served.has(name));
  return missing.length > 0 ? { kind: 'crds-missing', missing } : undefined;
}

async function get(
  kubeConfig: KubeConfigLike,
  path: string,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(path, cluster.server);
  const options: RequestOptions = { method: 'GET', headers: { accept: 'application/json' } };
  await kubeConfig.applyToHTTPSOptions(options);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end();
  });
}

/** Options of {@link ClusterReadiness}. */
export interface ClusterReadinessOptions {
  readonly kubeConfig: KubeConfigLike;
  readonly logger: Logger;
  /** Time between checks while something is wrong (default 10 s). */
  readonly intervalMs?: number;
  /** A problem still unsolved is logged again (at warn) this often (default 60 s). */
  readonly repeatMs?: number;
  /** The check; {@link checkCluster} by default. */
  readonly check?: (kubeConfig: KubeConfigLike) => Promise<ClusterProblem | undefined>;
}

/**
 * Checks the cluster when `run` starts and, while something is wrong, every `intervalMs` until it is
 * fixed. A new problem is logged at error level with what to do, an unsolved one again at warn level every
 * `repeatMs`, the fix at info. Two readiness checks name the problem on `/readyz`: `api-server` (unreachable
 * or credentials refused) and `score-crds` (CRDs not served). Once everything is in place it stops checking:
 * from then on the informers' own readiness (`informers`) reports the connection.
 */
export class ClusterReadiness {
  private problem: ClusterProblem | undefined;
  private checked = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private lastLogged: { kind: ClusterProblem['kind']; key: string; at: number } | undefined;
  private firstCheck: Promise<void> | undefined;

  constructor(private readonly options: ClusterReadinessOptions) {}

  /**
   * `/readyz` check `api-server`: fails while the API server is unreachable or refuses the credentials,
   * saying which in the response (a {@link NotReadyError}: no server address, no credentials).
   */
  readonly apiServerCheck: HealthCheck = () => {
    const problem = this.checked ? this.problem : undefined;
    if (problem?.kind === 'unreachable' || problem?.kind === 'unauthorized')
      throw new NotReadyError(describeProblem(problem).message);
  };

  /** `/readyz` check `score-crds`: fails while the score.dev CRDs are not served, naming the missing ones. */
  readonly crdsCheck: HealthCheck = () => {
    const problem = this.checked ? this.problem : undefined;
    if (problem?.kind === 'crds-missing')
      throw new NotReadyError(`${describeProblem(problem).message}: ${problem.missing.join(', ')}`);
  };

  /** The problem found by the latest check, if any. */
  get current(): ClusterProblem | undefined {
    return this.problem;
  }

  /** Runs the first check and schedules the next ones; resolves once the first check is done. */
  start(): Promise<void> {
    this.firstCheck ??= this.run();
    return this.firstCheck;
  }

  /** Stops checking. Idempotent. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    const problem = await (this.options.check ?? checkCluster)(this.options.kubeConfig);
    if (this.stopped) return;
    this.report(problem);
    this.problem = problem;
    this.checked = true;
    if (problem !== undefined) {
      this.timer = setTimeout(() => void this.run(), this.options.intervalMs ?? 10_000);
      this.timer.unref?.();
    }
  }

  private report(problem: ClusterProblem | undefined): void {
    const { logger } = this.options;
    if (problem === undefined) {
      if (this.problem !== undefined)
        logger.info('cluster ready for the orchestrator', { was: this.problem.kind });
      this.lastLogged = undefined;
      return;
    }
    const key = JSON.stringify(problem.kind === 'crds-missing' ? problem.missing : problem.kind);
    const now = Date.now();
    const same = this.lastLogged?.kind === problem.kind && this.lastLogged.key === key;
    if (same && now - this.lastLogged!.at < (this.options.repeatMs ?? 60_000)) return;
    const { message, fix } = describeProblem(problem);
    const fields = { ...problem, fix };
    if (same) logger.warn(message, { ...fields, still: true });
    else logger.error(message, fields);
    this.lastLogged = { kind: problem.kind, key, at: now };
  }
}
