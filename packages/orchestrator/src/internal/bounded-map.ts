// In-memory bookkeeping of the controller (per Workload) that must not grow without end when Workloads
// vanish without the controller seeing them go (deleted while it was down, a finalizer removed by hand).

/**
 * How many Workloads such bookkeeping keeps: far more than one orchestrator serves, so only Workloads gone
 * unseen are ever forgotten.
 */
export const MAX_TRACKED_WORKLOADS = 10_000;

/**
 * A `Map` of at most `max` entries: setting a new key when full forgets the entry set longest ago. Setting
 * a key again counts as new for that order, so what is still in use stays.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    this.delete(key);
    if (this.size >= this.max) this.delete(this.keys().next().value!);
    return super.set(key, value);
  }
}
