// A Job's pod template is immutable: a Job made from another spec is deleted so the plan's can be created.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { RuntimeContext } from '@score-orchestrator/api';
import { BuiltinKinds, formatObjectKey, isConflict, objectKeyOf } from '@score-orchestrator/operator-sdk';
import { JOB_SPEC_HASH_ANNOTATION } from '../mapping/batch-workload.js';

/**
 * Whether `current` (the plan's Job in the cluster) must be replaced by `desired`: both are Jobs and the
 * spec hash the runtime stamped on `current` differs from `desired`'s. An unchanged spec never replaces
 * a Job, so a finished run (succeeded or failed) is never re-run by a reconcile. Pure.
 */
export function jobNeedsReplacement(
  desired: KubernetesObject,
  current: KubernetesObject | undefined,
): boolean {
  if (desired.kind !== 'Job' || current?.kind !== 'Job') return false;
  const want = desired.metadata?.annotations?.[JOB_SPEC_HASH_ANNOTATION];
  return want !== current.metadata?.annotations?.[JOB_SPEC_HASH_ANNOTATION];
}

/**
 * Deletes the Job `current` so a new one (which runs again) can be created in its place: propagation
 * `Background` (its pods go with it, a running one is stopped) and a precondition on its uid, so only that
 * very Job is deleted (`current` may be a stale cached copy: a Job that is gone, or already replaced by
 * another uid, is left alone). The caller then creates the new Job; until the old one is gone that fails
 * and is retried.
 */
export async function deleteReplacedJob(current: KubernetesObject, ctx: RuntimeContext): Promise<void> {
  const key = objectKeyOf(current);
  try {
    await ctx.client.delete(BuiltinKinds.Job, key, {
      propagationPolicy: 'Background',
      preconditions: { uid: current.metadata?.uid },
    });
  } catch (err) {
    if (!isConflict(err)) throw err;
    return; // the uid precondition failed: that Job was replaced already
  }
  ctx.logger.info('replaced job: its spec changed', { object: formatObjectKey(key) });
}
