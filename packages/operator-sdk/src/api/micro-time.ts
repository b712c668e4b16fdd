// A Kubernetes MicroTime: an RFC 3339 timestamp with microseconds, as Lease and events.k8s.io fields need.

/**
 * A `Date` that serialises (`toISOString`, hence `JSON.stringify`) with six fractional digits, as the API
 * server requires for MicroTime fields (`Lease.spec.renewTime`, `Event.eventTime`). The same as client-node's
 * `V1MicroTime`, without loading client-node's generated models.
 */
export class MicroTime extends Date {
  override toISOString(): string {
    return `${super.toISOString().slice(0, -1)}000Z`;
  }
}
