import { OfflineValidator, generateCrd, type ValidationIssue } from '@score-orchestrator/operator-sdk';
import { Workload } from '../resources/workload.resource.js';

let validator: OfflineValidator | undefined;

/**
 * Validates a `Workload` object offline with the API server's rules and verdicts: the generated Workload
 * CRD's OpenAPI schema and CEL rules (pruning, defaults, then CEL unless a blocking schema error was
 * found), with the API server's field paths (`spec.containers.web.image`, `spec.containers[web].files[/a]`)
 * and messages. Pass the stored object as `oldObj` to validate an update.
 *
 * Not checked, as in `OfflineValidator`: `metadata` (name, labels), CEL cost limits, ratcheting.
 * An empty result means the API server would accept the spec.
 */
export function validateWorkload(obj: unknown, oldObj?: unknown): ValidationIssue[] {
  validator ??= OfflineValidator.fromCrd(generateCrd(Workload));
  return validator.validate(obj, oldObj);
}
