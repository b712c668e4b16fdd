// What a validator decides about one request: allowed, or denied with a reason and the fields at fault.
import type { AdmissionStatus } from './admission-review.js';

/** One field at fault in a denial. */
export interface FieldCause {
  /** Path of the field as users write it, e.g. `spec.replicas` or `spec.items[2].name`. */
  readonly field: string;
  readonly message: string;
  /** The API's cause type (default `FieldValueInvalid`). */
  readonly type?:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueForbidden'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate'
    | 'FieldValueTooLong'
    | 'FieldValueTooMany';
}

/** Options of {@link Admission.denied}. */
export interface DeniedOptions {
  /** The fields at fault; with causes the status is 422 `Invalid`, as the API server's own validation. */
  readonly causes?: readonly FieldCause[];
  /** Override the HTTP code (default 403, or 422 with causes). */
  readonly code?: number;
  /** Override the reason (default `Forbidden`, or `Invalid` with causes). */
  readonly reason?: string;
  readonly warnings?: readonly string[];
}

/**
 * A webhook's verdict on one request: allowed or denied, with warnings for the client either way. Build it
 * with the named constructors of {@link Admission}.
 */
export interface AdmissionVerdict {
  readonly allowed: boolean;
  readonly status?: AdmissionStatus;
  readonly warnings: readonly string[];
}

/**
 * Named constructors of {@link AdmissionVerdict}. A validator returns one (returning nothing means
 * `Admission.allowed()`):
 *
 * ```ts
 * return Admission.denied('greeting is empty', { causes: [{ field: 'spec.message', message: 'must not be empty' }] });
 * ```
 */
export const Admission = {
  /** Admit the request; `warnings` are shown to the client (kubectl prints them). */
  allowed(warnings: readonly string[] = []): AdmissionVerdict {
    return { allowed: true, warnings };
  },

  /**
   * Refuse the request. The client's error reads `admission webhook "<name>" denied the request: <message>`
   * and carries the causes (`KubeApiError.causes`), each with its field.
   */
  denied(message: string, options: DeniedOptions = {}): AdmissionVerdict {
    const causes = options.causes ?? [];
    const invalid = causes.length > 0;
    const status: AdmissionStatus = {
      code: options.code ?? (invalid ? 422 : 403),
      reason: options.reason ?? (invalid ? 'Invalid' : 'Forbidden'),
      message,
      ...(invalid && {
        details: {
          causes: causes.map((c) => ({
            reason: c.type ?? 'FieldValueInvalid',
            message: c.message,
            field: c.field,
          })),
        },
      }),
    };
    return { allowed: false, status, warnings: options.warnings ?? [] };
  },

  /** Refuse because the webhook itself failed (code 500 unless given): not the object's fault. */
  errored(message: string, code = 500): AdmissionVerdict {
    return { allowed: false, status: { code, reason: 'InternalError', message }, warnings: [] };
  },
} as const;
