import type { KubernetesObject } from '@kubernetes/client-node';
import type { AdmissionContext } from './admission-context.js';
import type { AdmissionVerdict } from './admission.js';

/** What a validator method may return: a verdict, or nothing for "allowed". */
export type ValidationOutcome = AdmissionVerdict | void | undefined;

/**
 * A validating webhook's logic for one kind (controller-runtime's `CustomValidator`). Each method is called
 * only for the operations its webhook is registered for (default CREATE and UPDATE; add `DELETE` to the
 * options to have `validateDelete` called).
 *
 * Contract: decide from the objects given, quickly (the API server waits, `timeoutSeconds` at most), without
 * side effects (the webhook declares `sideEffects: None`), and the same way every time for the same input.
 * Return `Admission.denied(...)` to refuse; a thrown error refuses too, as an internal error (code 500), and
 * is logged: throw only when the webhook cannot decide.
 */
export interface CustomValidator<T extends KubernetesObject = KubernetesObject> {
  validateCreate?(obj: T, ctx: AdmissionContext): ValidationOutcome | Promise<ValidationOutcome>;
  validateUpdate?(
    oldObj: T,
    newObj: T,
    ctx: AdmissionContext,
  ): ValidationOutcome | Promise<ValidationOutcome>;
  /** Receives the object as stored before the deletion. */
  validateDelete?(obj: T, ctx: AdmissionContext): ValidationOutcome | Promise<ValidationOutcome>;
}
