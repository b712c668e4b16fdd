import type { KubernetesObject } from '@kubernetes/client-node';
import type { AdmissionContext } from './admission-context.js';

/**
 * A mutating webhook's logic for one kind (controller-runtime's `CustomDefaulter`): fill in what the user
 * left out. `default` receives a private copy of the incoming object; change it in place (and return nothing)
 * or return the changed object. The SDK sends the API server the RFC 6902 JSON Patch from the incoming
 * object to the result, or no patch when nothing changed.
 *
 * Contract: idempotent (the API server may call it again after other mutating webhooks, and defaulting a
 * defaulted object must change nothing), fast, without side effects, and never removing what the user set.
 * A thrown error refuses the request as an internal error (code 500).
 */
export interface CustomDefaulter<T extends KubernetesObject = KubernetesObject> {
  default(obj: T, ctx: AdmissionContext): T | void | Promise<T | void>;
}
