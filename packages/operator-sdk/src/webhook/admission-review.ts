// The admission.k8s.io/v1 wire types: what the API server sends a webhook and what it expects back.
import type { KubernetesObject } from '@kubernetes/client-node';

/** An operation a webhook can be called for; `*` in a rule stands for all of them. */
export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** Every operation, in the order the API documents them. */
export const ADMISSION_OPERATIONS: readonly AdmissionOperation[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

/** Who sent the request the API server asks about (`authentication.k8s.io/v1` `UserInfo`). */
export interface AdmissionUserInfo {
  readonly username?: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** The `request` of an `AdmissionReview`: one API request awaiting a verdict. */
export interface AdmissionRequest {
  /** Identifies this call; the response must echo it. */
  readonly uid: string;
  readonly kind: { group: string; version: string; kind: string };
  readonly resource: { group: string; version: string; resource: string };
  readonly subResource?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly operation: AdmissionOperation;
  readonly userInfo: AdmissionUserInfo;
  /** The object as it would be stored; absent for DELETE and CONNECT. */
  readonly object?: KubernetesObject | null;
  /** The stored object, for UPDATE and DELETE. */
  readonly oldObject?: KubernetesObject | null;
  /** When true, nothing the request causes is persisted: a webhook must not have side effects then. */
  readonly dryRun?: boolean;
  /** The create/update/delete options of the request (e.g. `CreateOptions`). */
  readonly options?: unknown;
}

/** One field-level reason of a denial, as in `Status.details.causes`. */
export interface AdmissionStatusCause {
  /** Machine-readable, e.g. `FieldValueInvalid`, `FieldValueRequired`, `FieldValueForbidden`. */
  readonly reason?: string;
  readonly message?: string;
  /** The field's path, e.g. `spec.replicas` or `spec.containers[0].image`. */
  readonly field?: string;
}

/** The `Status` of a denial: the API server turns it into the error its client sees. */
export interface AdmissionStatus {
  readonly code?: number;
  readonly reason?: string;
  readonly message?: string;
  readonly details?: { readonly causes?: readonly AdmissionStatusCause[] };
}

/** The `response` of an `AdmissionReview`. */
export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: AdmissionStatus;
  /** Base64 of an RFC 6902 JSON Patch (mutating webhooks only). */
  readonly patch?: string;
  readonly patchType?: 'JSONPatch';
  /** Shown to the client (kubectl prints them); at most 120 characters each is best. */
  readonly warnings?: readonly string[];
  readonly auditAnnotations?: Readonly<Record<string, string>>;
}

/** The envelope both ways: `request` from the API server, `response` back. */
export interface AdmissionReview {
  readonly apiVersion: 'admission.k8s.io/v1';
  readonly kind: 'AdmissionReview';
  readonly request?: AdmissionRequest;
  readonly response?: AdmissionResponse;
}
