import type { Logger } from '../logging/logger.js';
import type { AdmissionOperation, AdmissionRequest, AdmissionUserInfo } from './admission-review.js';

/**
 * What a validator or defaulter knows about the request besides the object: who asks, whether it is a
 * dry run, and a signal that fires when the API server stops waiting (its `timeoutSeconds` passed or it hung
 * up), after which nothing the handler returns is heard.
 */
export interface AdmissionContext {
  readonly operation: AdmissionOperation;
  readonly userInfo: AdmissionUserInfo;
  /** When true nothing is persisted: do not cause side effects (the webhook declares `sideEffects`). */
  readonly dryRun: boolean;
  /** The namespace and name of the object (the name may be empty on CREATE with `generateName`). */
  readonly namespace?: string;
  readonly name?: string;
  /** The whole request, for fields not lifted above (e.g. `subResource`, `options`). */
  readonly request: AdmissionRequest;
  /** A child of the server's logger with `webhook`, `uid`, `operation`, `namespace` and `name` fields. */
  readonly logger: Logger;
  readonly signal: AbortSignal;
}
