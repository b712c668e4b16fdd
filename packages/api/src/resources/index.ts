// The custom resource classes, for `generate-crds` (`npm run crds`): every export here becomes a CRD.
// Not the package's public API; that is ../index.ts.
export { ResourceClaim } from './resource-claim.resource.js';
export { Workload } from './workload.resource.js';
export { WorkloadPlan } from './workload-plan.resource.js';
