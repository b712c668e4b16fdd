import { BuiltinKinds } from '@score-orchestrator/operator-sdk';

/** What a backing-service resolver owns: changes to these re-run its `provision` (e.g. a pod turning ready). */
export const backingServiceKinds = [
  BuiltinKinds.StatefulSet,
  BuiltinKinds.Service,
  BuiltinKinds.Secret,
] as const;
