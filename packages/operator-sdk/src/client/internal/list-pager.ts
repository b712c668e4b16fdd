// Lists a collection page by page, as client-go's pager does, restarting once when a continue token expires.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResourceKind } from '../../api/resource-kind.js';
import { statusCodeOf } from '../kube-api.error.js';
import type { ListOptions, ListResult } from '../kube-client-options.js';
import { withKind, type ApiCaller } from './api-call.js';
import { resourcePath } from './resource-path.js';

/** Page size when neither the call nor the client names one (client-go's pager default). */
const defaultPageSize = 500;

/**
 * Lists `kind`, fetching every page unless `paginate: false` or `continue` is given. When a continue
 * token expires mid-way (410), the list restarts once without paging: a consistent whole beats a list
 * stitched from two snapshots.
 */
export async function listPages<T extends KubernetesObject>(
  caller: ApiCaller,
  kind: ResourceKind,
  options: ListOptions,
  clientPageSize: number | undefined,
): Promise<ListResult<T>> {
  const action = `list ${kind.kind}${options.namespace ? ` in ${options.namespace}` : ''}`;
  const page = async (limit: number | undefined, token: string | undefined): Promise<ListResult<T>> => {
    const query = {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      limit,
      continue: token,
    };
    const path = resourcePath(kind, options);
    const res = await caller.call(action, { method: 'GET', path, query, signal: options.signal }, [200]);
    const body = res.body as { items?: T[]; metadata?: { resourceVersion?: string; continue?: string } };
    return {
      items: (body.items ?? []).map((item) => withKind(kind, item)),
      resourceVersion: body.metadata?.resourceVersion ?? '',
      continue: body.metadata?.continue || undefined,
    };
  };
  const paginate = options.paginate ?? options.continue === undefined;
  const limit = options.limit ?? clientPageSize ?? defaultPageSize;
  if (!paginate) return page(limit, options.continue);
  const items: T[] = [];
  let token = options.continue;
  try {
    for (;;) {
      const result = await page(limit, token);
      items.push(...result.items);
      if (!result.continue) return { items, resourceVersion: result.resourceVersion };
      token = result.continue;
    }
  } catch (err) {
    if (statusCodeOf(err) !== 410 || token === undefined) throw err;
    const whole = await page(undefined, undefined);
    return { items: whole.items, resourceVersion: whole.resourceVersion };
  }
}
