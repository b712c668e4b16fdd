import { OperatorSdkError, type OperatorSdkErrorKind } from '../errors/operator-sdk.error.js';

/** One field-level complaint of the API server, as in `Status.details.causes`. */
export interface StatusCause {
  /** JSON path of the offending field, e.g. `spec.replicas`. */
  field?: string;
  reason?: string;
  message?: string;
}

/** The parts of a Kubernetes `Status` body we read. */
interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: StatusCause[] };
}

/**
 * A failed API request. `kind` tells callers what to do: `NotFound` (404), `Conflict` (409: re-read and
 * retry), `Validation` (422: the object is wrong, retrying will not help; `causes` name the fields),
 * `Aborted` (the call's `signal` fired; `cause` is the signal's reason, `statusCode` is undefined), `Api`
 * (anything else, incl. transport failures where `statusCode` is undefined).
 */
export class KubeApiError extends OperatorSdkError {
  constructor(
    kind: OperatorSdkErrorKind,
    message: string,
    readonly statusCode: number | undefined,
    readonly reason: string | undefined,
    readonly causes: readonly StatusCause[],
    options?: { cause?: unknown },
  ) {
    super(kind, message, options);
  }
}

/**
 * Builds the error for a non-2xx response. `action` reads like "apply Deployment default/web", giving
 * "failed to apply Deployment default/web: <server message>".
 */
export function apiErrorFromResponse(action: string, status: number, body: unknown): KubeApiError {
  const s: StatusBody = isStatus(body) ? body : {};
  const detail = s.message ?? (typeof body === 'string' && body ? body : `HTTP ${status}`);
  return new KubeApiError(
    kindForStatus(status),
    `failed to ${action}: ${detail}`,
    status,
    s.reason,
    s.details?.causes ?? [],
  );
}

/** Builds the error for a request that got no response at all. */
export function apiErrorFromTransport(action: string, err: unknown): KubeApiError {
  const detail = err instanceof Error ? err.message : String(err);
  return new KubeApiError('Api', `failed to ${action}: ${detail}`, undefined, undefined, [], { cause: err });
}

/**
 * Builds the error for a request whose `AbortSignal` fired, before or while it was sent; `reason` is the
 * signal's reason and becomes the `cause`.
 */
export function apiErrorFromAbort(action: string, reason: unknown): KubeApiError {
  return new KubeApiError(
    'Aborted',
    `failed to ${action}: aborted: ${describeReason(reason)}`,
    undefined,
    undefined,
    [],
    {
      cause: reason,
    },
  );
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason ?? 'signal aborted');
}

function kindForStatus(status: number): OperatorSdkErrorKind {
  if (status === 404) return 'NotFound';
  if (status === 409) return 'Conflict';
  if (status === 422) return 'Validation';
  return 'Api';
}

function isStatus(body: unknown): body is StatusBody {
  return typeof body === 'object' && body !== null && (body as StatusBody).kind === 'Status';
}

/**
 * The HTTP status of a failed request, looking through `cause` chains; also understands client-node's own
 * errors (`code` / `statusCode`). Undefined when there is none.
 */
export function statusCodeOf(err: unknown): number | undefined {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 8; depth++) {
    const candidate = e as { statusCode?: unknown; code?: unknown; cause?: unknown };
    if (typeof candidate.statusCode === 'number') return candidate.statusCode;
    if (typeof candidate.code === 'number' && candidate.code >= 100 && candidate.code < 600)
      return candidate.code;
    e = candidate.cause;
  }
  return undefined;
}

/** Whether `err` is a 409 Conflict: the object changed (or exists) and the caller should re-read. */
export function isConflict(err: unknown): boolean {
  return statusCodeOf(err) === 409;
}

/**
 * Whether `err`, or an error in its `cause` chain, is an SDK error of kind `Aborted`: a call given up
 * because its `AbortSignal` fired (e.g. `ctx.signal` when the manager stops past its drain timeout). Also
 * true for errors from another copy of the package.
 */
export function isAborted(err: unknown): boolean {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 8; depth++) {
    if (OperatorSdkError.is(e) && e.kind === 'Aborted') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Whether `err` is a 404 Not Found. */
export function isNotFound(err: unknown): boolean {
  return statusCodeOf(err) === 404;
}

/**
 * Whether `err`, or an error in its `cause` chain, is the API server refusing to create an object because
 * its namespace is being deleted (403 Forbidden with a `NamespaceTerminating` cause; also for a
 * server-side apply that would create). Retrying cannot help: the namespace only goes away, and its
 * deletion removes everything in it, the objects that asked for the create included. Controllers treat
 * it as nothing left to do (see the reconciler contract).
 */
export function isNamespaceTerminating(err: unknown): boolean {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 8; depth++) {
    const candidate = e as { statusCode?: unknown; causes?: unknown; cause?: unknown };
    if (
      candidate.statusCode === 403 &&
      Array.isArray(candidate.causes) &&
      (candidate.causes as StatusCause[]).some((c) => c?.reason === NAMESPACE_TERMINATING)
    )
      return true;
    e = candidate.cause;
  }
  return false;
}

// The cause reason of kube-apiserver's NamespaceLifecycle admission (k8s.io/api/core/v1).
const NAMESPACE_TERMINATING = 'NamespaceTerminating';
