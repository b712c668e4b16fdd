import type { V1Lease } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { MicroTime } from '../api/micro-time.js';
import type { KubeClient } from '../client/kube-client.js';

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
 * Failures are the client's `KubeApiError`s; a request cut off by `signal` fails as `Aborted`.
 */
export class LeaseLock {
  private readonly key: { namespace: string; name: string };

  constructor(
    private readonly client: KubeClient,
    readonly namespace: string,
    readonly name: string,
  ) {
    this.key = { namespace, name };
  }

  /** The current lease, or undefined when it does not exist. */
  async get(signal: AbortSignal): Promise<ObservedLease | undefined> {
    const lease = await this.client.get<V1Lease>(BuiltinKinds.Lease, this.key, { signal });
    return lease && observe(lease);
  }

  /** Creates the lease; a `Conflict` error means another candidate created it first. */
  async create(record: LeaderElectionRecord, signal: AbortSignal): Promise<ObservedLease> {
    const body: V1Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { ...this.key },
      spec: toSpec(record),
    };
    return observe(await this.client.create(BuiltinKinds.Lease, body, { signal }));
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
    return observe(await this.client.update(BuiltinKinds.Lease, body, { signal }));
  }
}

function toSpec(record: LeaderElectionRecord): V1Lease['spec'] {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    leaseTransitions: record.leaseTransitions,
    // MicroTime serialises with microsecond precision, which the API server requires for these fields.
    acquireTime: record.acquireTime && new MicroTime(record.acquireTime.getTime()),
    renewTime: record.renewTime && new MicroTime(record.renewTime.getTime()),
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
      // The API server's JSON carries MicroTime as strings, whatever client-node's types say.
      acquireTime: spec.acquireTime ? new Date(spec.acquireTime) : undefined,
      renewTime: spec.renewTime ? new Date(spec.renewTime) : undefined,
    },
  };
}
