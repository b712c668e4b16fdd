/**
 * One named probe. It passes by returning (or resolving) and fails by throwing (or rejecting); the
 * returned value is ignored. It must be cheap and side-effect free: kubelet may call it every second.
 */
export type HealthCheck = () => unknown;

/** A check that always passes: Kubernetes' own `ping`, proof that the process serves HTTP at all. */
export const ping: HealthCheck = () => undefined;
