// The namespace's shared provisioner state (score-k8s's `shared_state`), in one Secret per namespace.
import type { V1Secret } from '@kubernetes/client-node';
import {
  BuiltinKinds,
  describeOwnership,
  OwnershipConflictError,
  ownershipOf,
  type KubeClient,
  type Ownership,
} from '@score-orchestrator/operator-sdk';

/** Name of the Secret holding a namespace's shared state. It has no owner: it outlives every claim. */
export const SHARED_STATE_SECRET = 'score-provisioners-shared-state';

/** The shared state Secret is ours when it carries our managed-by label and no controller. */
const sharedStateOwnership: Ownership = { labels: { 'app.kubernetes.io/managed-by': 'score-orchestrator' } };

/** The shared state as read, with the version a write must match. */
export interface SharedState {
  readonly value: Record<string, unknown>;
  /** resourceVersion of the Secret; undefined when it does not exist yet. */
  readonly resourceVersion?: string;
}

/**
 * Reads the namespace's shared state (empty when there is none yet).
 *
 * @throws OwnershipConflictError when a Secret of that name exists without our managed-by label.
 */
export async function readSharedState(client: KubeClient, namespace: string): Promise<SharedState> {
  const secret = await client.get<V1Secret>(BuiltinKinds.Secret, { namespace, name: SHARED_STATE_SECRET });
  if (!secret) return { value: {} };
  if (ownershipOf(secret, sharedStateOwnership) !== 'controlled') {
    // Someone else's Secret of that name: neither read nor written.
    throw new OwnershipConflictError(
      'Secret',
      { namespace, name: SHARED_STATE_SECRET },
      describeOwnership(sharedStateOwnership),
      'read',
    );
  }
  const text = Buffer.from(secret.data?.shared ?? '', 'base64').toString('utf8');
  return {
    value: JSON.parse(text || '{}') as Record<string, unknown>,
    resourceVersion: secret.metadata?.resourceVersion,
  };
}

/**
 * Writes `next` if it differs from `current`, only over the version that was read: a concurrent writer
 * makes this fail with a `Conflict` (retried with backoff by the host, re-rendering on fresh state).
 */
export async function writeSharedState(
  client: KubeClient,
  namespace: string,
  next: Record<string, unknown>,
  current: SharedState,
): Promise<void> {
  if (JSON.stringify(next) === JSON.stringify(current.value)) return;
  const secret: V1Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: SHARED_STATE_SECRET,
      namespace,
      labels: { ...sharedStateOwnership.labels },
    },
    type: 'Opaque',
    data: { shared: Buffer.from(JSON.stringify(next), 'utf8').toString('base64') },
  };
  if (current.resourceVersion === undefined) {
    await client.create(BuiltinKinds.Secret, secret);
    return;
  }
  secret.metadata!.resourceVersion = current.resourceVersion;
  await client.update(BuiltinKinds.Secret, secret);
}
