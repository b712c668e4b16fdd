import type { V1Service } from '@kubernetes/client-node';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import type { ResolverContext } from '@score-orchestrator/api';
import { readObject } from './read-object.js';

/** What {@link lookupServicePort} found. */
export type ServicePortLookup =
  | { readonly found: true; readonly port: number; readonly service: V1Service }
  | { readonly found: false; readonly reason: 'NoService' | 'NoPort' };

/**
 * Finds `port` (a port name, or a port number) on the Service `namespace/name`, from the cache or the API.
 * Returns the Service port number (what clients of the Service connect to).
 */
export async function lookupServicePort(
  ctx: ResolverContext,
  namespace: string,
  name: string,
  port: number | string,
): Promise<ServicePortLookup> {
  const service = await readObject<V1Service>(ctx, BuiltinKinds.Service, { namespace, name });
  if (!service) return { found: false, reason: 'NoService' };
  const match = (service.spec?.ports ?? []).find((p) =>
    typeof port === 'number' ? p.port === port : p.name === port,
  );
  return match ? { found: true, port: match.port, service } : { found: false, reason: 'NoPort' };
}
