// The API server's own request counts (`apiserver_request_total`), scraped from its /metrics, and the
// share of them the orchestrator made.
import { request, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** One series of `apiserver_request_total`: its labels that matter here, and its count. */
export interface RequestSeries {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource: string;
  readonly count: number;
}

/** Request counts keyed by `verb group/resource[/subresource]`. */
export type RequestCounts = ReadonlyMap<string, RequestSeries>;

const WRITE_VERBS = new Set(['POST', 'PUT', 'PATCH', 'APPLY', 'DELETE', 'DELETECOLLECTION']);

/** Whether `verb` (as the API server names it) changes something. */
export function isWrite(verb: string): boolean {
  return WRITE_VERBS.has(verb);
}

/**
 * The resources only the orchestrator and its built-in plugins write or read one by one here: the Score
 * kinds, and the main resource (not `/status`) of what the runtime and resolvers apply. The controller
 * manager, scheduler and kwok write pods, ReplicaSets, EndpointSlices, leases, nodes and the `/status` of
 * Deployments and StatefulSets; the scheduler also writes `events.k8s.io` Events, so Events are counted
 * from the orchestrator's own client instead (see the child's `rest_client_requests_total`).
 */
const ORCHESTRATOR_RESOURCES = new Set([
  'score.dev/workloads',
  'score.dev/workloads/status',
  'score.dev/resourceclaims',
  'score.dev/resourceclaims/status',
  'score.dev/workloadplans',
  'score.dev/workloadplans/status',
  'apps/deployments',
  'apps/statefulsets',
  'core/services',
  'core/secrets',
  'core/configmaps',
]);

/** Whether a series counts requests of the orchestrator (see {@link ORCHESTRATOR_RESOURCES}). */
export function isOrchestratorSeries(series: RequestSeries): boolean {
  const path = `${series.group || 'core'}/${series.resource}${series.subresource ? `/${series.subresource}` : ''}`;
  return ORCHESTRATOR_RESOURCES.has(path);
}

/** Reads `apiserver_request_total` from the API server's /metrics with `kubeConfig`'s (admin) credentials. */
export async function scrapeRequestCounts(kubeConfig: KubeConfig): Promise<RequestCounts> {
  const server = new URL(kubeConfig.getCurrentCluster()!.server);
  const options: RequestOptions = {
    hostname: server.hostname,
    port: server.port,
    path: '/metrics',
    method: 'GET',
  };
  await kubeConfig.applyToHTTPSOptions(options);
  const text = await new Promise<string>((resolve, reject) => {
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`failed to scrape /metrics: HTTP ${res.statusCode}`));
        else resolve(body);
      });
    });
    req.on('error', reject);
    req.end();
  });
  return parseRequestCounts(text);
}

/** Sums `apiserver_request_total` over the labels not kept (code, scope, component, version, dry_run). */
export function parseRequestCounts(text: string): RequestCounts {
  const counts = new Map<string, RequestSeries>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const close = line.lastIndexOf('}');
    const labels = Object.fromEntries(
      [...line.slice(line.indexOf('{') + 1, close).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    if (labels.dry_run) continue;
    const value = Number(line.slice(close + 1).trim());
    const series = {
      verb: labels.verb ?? '',
      group: labels.group ?? '',
      resource: labels.resource ?? '',
      subresource: labels.subresource ?? '',
    };
    const key = seriesKey(series);
    const count = (counts.get(key)?.count ?? 0) + value;
    counts.set(key, { ...series, count });
  }
  return counts;
}

/** `after - before`, leaving out series that did not change. */
export function diffCounts(before: RequestCounts, after: RequestCounts): RequestSeries[] {
  const out: RequestSeries[] = [];
  for (const [key, series] of after) {
    const count = series.count - (before.get(key)?.count ?? 0);
    if (count > 0) out.push({ ...series, count });
  }
  return out.sort((a, b) => b.count - a.count);
}

/** Totals by verb over `series`. */
export function byVerb(series: readonly RequestSeries[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of series) out[s.verb] = (out[s.verb] ?? 0) + s.count;
  return out;
}

/** A series as `VERB group/resource[/subresource]`. */
export function seriesKey(series: Omit<RequestSeries, 'count'>): string {
  const resource = `${series.group || 'core'}/${series.resource}${series.subresource ? `/${series.subresource}` : ''}`;
  return `${series.verb} ${resource}`;
}

/** Totals by `VERB resource[/subresource]` (the group left out: the bench's resources are unambiguous). */
export function byVerbAndKind(series: readonly RequestSeries[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of series) {
    const key = `${s.verb} ${s.resource}${s.subresource ? `/${s.subresource}` : ''}`;
    out[key] = (out[key] ?? 0) + s.count;
  }
  return out;
}

/** `series` per Workload, largest first, e.g. `12.0 in all: APPLY deployments 1, PUT workloads/status 2.1`. */
export function formatPerWorkload(series: readonly RequestSeries[], workloads: number): string {
  const counts = Object.entries(byVerbAndKind(series)).sort((a, b) => b[1] - a[1]);
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const parts = counts.map(([key, n]) => `${key} ${round2(n / workloads)}`);
  return `${round2(total / workloads)} in all: ${parts.join(', ')}`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
