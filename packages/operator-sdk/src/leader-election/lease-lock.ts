import { CoordinationV1Api, V1MicroTime } from '@kubernetes/client-node';
import type { KubeConfig, V1Lease } from '@kubernetes/client-node';
import { shareHttpAgent } from '../client/shared-agent.js';
import { abortableRequest, requestError, statusCodeOf } from './abortable-request.js';

/** The leadership state stored in a Lease's spec. */
export interface LeaderElectionRecord {
  /** '' when nobody holds the lease (never acquired, or released). */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: Date;
  renewTime?: Date;
  leaseTransitions: number;
}

/** A Lease as last read or written: its record and the resourceVersion to update against. */
export interface ObservedLease {
  record: LeaderElectionRecord;
  resourceVersion: string;
  lease: V1Lease;
}

/**
 * Reads and writes one `coordination.k8s.io/v1` Lease. Updates carry the resourceVersion they were
 * computed from, so of two candidates writing at once exactly one wins and the other gets a `Conflict`.
 */
export class LeaseLock {
  private readonly api: CoordinationV1Api;
  private readonly description: string;

  constructor(
    kubeConfig: KubeConfig,
    readonly namespace: string,
    readonly name: string,
  ) {
    this.api = shareHttpAgent(kubeConfig).makeApiClient(CoordinationV1Api);
    this.description = `lease ${namespace}/${name}`;
  }

  /** The current lease, or undefined when it does not exist. Throws an `OperatorSdkError` otherwise. */
  async get(signal: AbortSignal): Promise<ObservedLease | undefined> {
    try {
      const lease = await this.api.readNamespacedLease(
        { namespace: this.namespace, name: this.name },
        abortableRequest(signal),
      );
      return observe(lease);
    } catch (err) {
      if (statusCodeOf(err) === 404) return undefined;
      throw requestError('read', this.description, err, signal);
    }
  }

  /** Creates the lease; a `Conflict` error means another candidate created it first. */
  async create(record: LeaderElectionRecord, signal: AbortSignal): Promise<ObservedLease> {
    const body: V1Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { namespace: this.namespace, name: this.name },
      spec: toSpec(record),
    };
    try {
      return observe(
        await this.api.createNamespacedLease({ namespace: this.namespace, body }, abortableRequest(signal)),
      );
    } catch (err) {
      throw requestError('create', this.description, err, signal);
    }
  }

  /** Replaces the record of `previous`, keeping its metadata; a `Conflict` error means someone wrote first. */
  async update(
    previous: ObservedLease,
    record: LeaderElectionRecord,
    signal: AbortSignal,
  ): Promise<ObservedLease> {
    const body: V1Lease = {
      ...previous.lease,
      metadata: { ...previous.lease.metadata, resourceVersion: previous.resourceVersion },
      spec: toSpec(record),
    };
    try {
      return observe(
        await this.api.replaceNamespacedLease(
          { namespace: this.namespace, name: this.name, body },
          abortableRequest(signal),
        ),
      );
    } catch (err) {
      throw requestError('update', this.description, err, signal);
    }
  }
}

function toSpec(record: LeaderElectionRecord): V1Lease['spec'] {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    leaseTransitions: record.leaseTransitions,
    // MicroTime serialises with microsecond precision, which the API server requires for these fields.
    acquireTime: record.acquireTime && new V1MicroTime(record.acquireTime.getTime()),
    renewTime: record.renewTime && new V1MicroTime(record.renewTime.getTime()),
  };
}

function observe(lease: V1Lease): ObservedLease {
  const spec = lease.spec ?? {};
  return {
    lease,
    resourceVersion: lease.metadata?.resourceVersion ?? '',
    record: {
      holderIdentity: spec.holderIdentity ?? '',
      leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
      leaseTransitions: spec.leaseTransitions ?? 0,
      // client-node hands MicroTime back as strings despite its types.
      acquireTime: spec.acquireTime ? new Date(spec.acquireTime) : undefined,
      renewTime: spec.renewTime ? new Date(spec.renewTime) : undefined,
    },
  };
}
