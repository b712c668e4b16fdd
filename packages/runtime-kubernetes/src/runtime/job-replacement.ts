// A Job's pod template is immutable: a Job made from another spec is deleted so the plan's can be created.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { RuntimeContext } from '@score-orchestrator/api';
import { BuiltinKinds, formatObjectKey, isConflict, objectKeyOf } from '@score-orchestrator/operator-sdk';
import { JOB_SPEC_HASH_ANNOTATION } from '../mapping/batch-workload.js';

/**
 * What to do with `current`, the plan's Job in the cluster, given `desired`: `keep` it as it is when the
 * input hash the runtime stamped on it is the plan's (a finished run is never re-run, and a Job's immutable
 * template is never sent again), `replace` it when the hash differs; undefined when either is not a Job
 * (apply as usual). Pure.
 */
export function existingJobAction(
  desired: KubernetesObject,
  current: KubernetesObject | undefined,
): 'keep' | 'replace' | undefined {
  if (desired.kind !== 'Job' || current?.kind !== 'Job') return undefined;
  const want = desired.metadata?.annotations?.[JOB_SPEC_HASH_ANNOTATION];
  return want === current.metadata?.annotations?.[JOB_SPEC_HASH_ANNOTATION] ? 'keep' : 'replace';
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
