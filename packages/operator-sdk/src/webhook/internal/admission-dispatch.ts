// Calls a validator's or defaulter's method for one admission request and turns its outcome into a response.
import type { KubernetesObject } from '@kubernetes/client-node';
import { describeError } from '../../errors/operator-sdk.error.js';
import type { AdmissionContext } from '../admission-context.js';
import type { AdmissionRequest, AdmissionResponse } from '../admission-review.js';
import { Admission, type AdmissionVerdict } from '../admission.js';
import type { CustomDefaulter } from '../custom-defaulter.interface.js';
import type { CustomValidator } from '../custom-validator.interface.js';
import { createJsonPatch } from '../json-patch.js';
import type { WebhookDefinition } from '../webhook-definition.js';

/** A webhook the server serves: its settings and the object holding its logic. */
export interface WebhookRegistration {
  readonly definition: WebhookDefinition;
  readonly handler: CustomValidator | CustomDefaulter;
}

/**
 * Answers one request with `registration`'s handler. Never throws: a handler that throws, or a defaulter
 * that returns something that is not an object, refuses the request as an internal error (code 500).
 */
export async function dispatchAdmission(
  registration: WebhookRegistration,
  request: AdmissionRequest,
  ctx: AdmissionContext,
): Promise<AdmissionResponse> {
  const { definition, handler } = registration;
  try {
    if (definition.type === 'mutating') {
      return await defaultObject(handler as CustomDefaulter, request, ctx);
    }
    return responseOf(
      request.uid,
      (await validate(handler as CustomValidator, request, ctx)) ?? Admission.allowed(),
    );
  } catch (err) {
    ctx.logger.error('admission handler failed', { err: describeError(err) });
    const verb = definition.type === 'mutating' ? 'default' : 'validate';
    return responseOf(
      request.uid,
      Admission.errored(`failed to ${verb} ${definition.kind.kind}: ${describeError(err)}`),
    );
  }
}

async function validate(
  validator: CustomValidator,
  request: AdmissionRequest,
  ctx: AdmissionContext,
): Promise<AdmissionVerdict | void | undefined> {
  const object = request.object ?? undefined;
  const oldObject = request.oldObject ?? undefined;
  switch (request.operation) {
    case 'CREATE':
      return object && validator.validateCreate?.(object, ctx);
    case 'UPDATE':
      return object && oldObject && validator.validateUpdate?.(oldObject, object, ctx);
    case 'DELETE':
      return oldObject && validator.validateDelete?.(oldObject, ctx);
    default:
      return undefined;
  }
}

async function defaultObject(
  defaulter: CustomDefaulter,
  request: AdmissionRequest,
  ctx: AdmissionContext,
): Promise<AdmissionResponse> {
  const incoming = request.object;
  if (!incoming || (request.operation !== 'CREATE' && request.operation !== 'UPDATE')) {
    return responseOf(request.uid, Admission.allowed());
  }
  const copy = structuredClone(incoming) as KubernetesObject;
  const returned = await defaulter.default(copy, ctx);
  const result = returned ?? copy;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new TypeError(
      `default() returned ${Array.isArray(result) ? 'an array' : typeof result}, not the object`,
    );
  }
  const patch = createJsonPatch(incoming, result);
  const base = responseOf(request.uid, Admission.allowed());
  if (patch.length === 0) return base;
  return { ...base, patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(patch)).toString('base64') };
}

/** The wire response for a verdict: `status` only when refused, `warnings` only when there are some. */
export function responseOf(uid: string, verdict: AdmissionVerdict): AdmissionResponse {
  return {
    uid,
    allowed: verdict.allowed,
    ...(verdict.status && { status: verdict.status }),
    ...(verdict.warnings.length > 0 && { warnings: [...verdict.warnings] }),
  };
}
