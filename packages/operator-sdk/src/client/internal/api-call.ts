// One request as KubeClient sends it: bounded by the client's timeout, failures turned into KubeApiErrors.
import type { KubernetesObject } from '@kubernetes/client-node';
import { formatObjectKey, type ObjectKey, type ResourceKind } from '../../api/resource-kind.js';
import { apiErrorFromAbort, apiErrorFromResponse, apiErrorFromTransport } from '../kube-api.error.js';
import type { Tracing } from '../../tracing/tracing.js';
import { KubeApiError } from '../kube-api.error.js';
import type { WriteOptions } from '../kube-client-options.js';
import type { HttpTransport, TransportRequest, TransportResponse } from './http-transport.js';

/** Query parameters; undefined values are left out of the URL. */
export type Query = Record<string, string | number | boolean | undefined>;

/** The content type of each patch flavour the API server accepts. */
export const patchContentTypes = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

/** The client-wide settings every call applies. */
export interface ApiCallDefaults {
  /** Field manager of writes that do not name their own. */
  fieldManager: string;
  /** Client-side deadline of a request; undefined leaves the transport's default. */
  requestTimeoutMs?: number;
  /** Where each request's span goes, when enabled. */
  tracing?: Tracing;
}

/** Sends the client's requests through one transport. */
export class ApiCaller {
  constructor(
    private readonly transport: HttpTransport,
    private readonly defaults: ApiCallDefaults,
  ) {}

  /**
   * Sends a request; statuses outside `ok` become a KubeApiError, transport failures too. An aborted
   * `req.signal` wins over whatever the transport reports, so callers see one kind for "I gave up".
   */
  async call(action: string, req: TransportRequest, ok: number[]): Promise<TransportResponse> {
    const tracing = this.defaults.tracing;
    if (!tracing?.enabled) return this.send(action, req, ok);
    // "get ConfigMap": the verb and kind of the action, without the object's name (spans group by name).
    const [verb, kind] = action.split(' ');
    const attributes = {
      'k8s.verb': verb,
      'k8s.resource.kind': kind,
      'http.request.method': req.method,
      'url.path': req.path,
    };
    return tracing.inSpan(`${verb} ${kind}`, { kind: 'client', attributes }, async (span) => {
      try {
        const res = await this.send(action, req, ok);
        span.setAttributes({ 'http.response.status_code': res.status });
        return res;
      } catch (err) {
        if (err instanceof KubeApiError && err.statusCode !== undefined)
          span.setAttributes({ 'http.response.status_code': err.statusCode });
        throw err;
      }
    });
  }

  private async send(action: string, req: TransportRequest, ok: number[]): Promise<TransportResponse> {
    const { signal } = req;
    if (signal?.aborted) throw apiErrorFromAbort(action, signal.reason);
    let res;
    try {
      res = await this.transport.request({ timeoutMs: this.defaults.requestTimeoutMs, ...req });
    } catch (err) {
      if (signal?.aborted) throw apiErrorFromAbort(action, signal.reason);
      throw apiErrorFromTransport(action, err);
    }
    if (!ok.includes(res.status)) throw apiErrorFromResponse(action, res.status, res.body);
    return res;
  }

  /** The query every write carries: its field manager, and `dryRun` when asked for. */
  writeQuery(options: WriteOptions): Query {
    return {
      fieldManager: options.fieldManager ?? this.defaults.fieldManager,
      dryRun: options.dryRun ? 'All' : undefined,
    };
  }
}

/** "get ConfigMap default/web": the action named in error messages ("failed to <action>: ..."). */
export function describeAction(verb: string, kind: ResourceKind, key: ObjectKey): string {
  return `${verb} ${kind.kind} ${formatObjectKey(key)}`;
}

/** List items and watch objects arrive without apiVersion/kind; put them back so objects are self-describing. */
export function withKind<T extends KubernetesObject>(kind: ResourceKind, obj: T): T {
  if (obj.apiVersion && obj.kind) return obj;
  return { ...obj, apiVersion: kind.apiVersion, kind: kind.kind };
}
