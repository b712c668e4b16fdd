// In-memory bookkeeping of the controller (per Workload) must not grow without end when Workloads vanish
// without the controller seeing them go (deleted while it was down, a finalizer removed by hand): it lives
// in an `LruMap` of this size.

/**
 * How many Workloads such bookkeeping keeps: far more than one orchestrator serves, so only Workloads gone
 * unseen are ever forgotten.
 */
export const MAX_TRACKED_WORKLOADS = 10_000;
