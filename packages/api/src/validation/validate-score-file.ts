import type { ValidationIssue } from '@score-orchestrator/operator-sdk';
import { ScoreApiError } from '../errors/api.error.js';
import { convertScoreFile, type ConvertScoreFileOptions } from '../score-file/convert-score-file.js';
import type { WorkloadObject } from '../score-file/workload-object.js';
import { validateWorkload } from './validate-workload.js';

/** One problem found by `validateScoreFile`, from the Score-file reader or from the Workload CRD's rules. */
export type ScoreFileIssue =
  /** The Score file itself: YAML, schema rules; `field` is a Score path (`containers.web.image`). */
  | { readonly origin: 'score-file'; readonly field: string; readonly message: string }
  /** The converted Workload breaks a CRD rule; `field` is the API server's path (`spec.containers.web.image`). */
  | {
      readonly origin: 'crd';
      readonly field: string;
      readonly message: string;
      readonly issue: ValidationIssue;
    };

/** What `validateScoreFile` found: the Workload (when the file converts) and every issue. */
export interface ScoreFileValidation {
  /** The Workload the file converts to; absent when conversion failed. */
  readonly workload?: WorkloadObject;
  /** Empty when the file is valid and the API server would accept its Workload. */
  readonly issues: readonly ScoreFileIssue[];
}

/**
 * Validates Score file YAML end to end: converts it to a Workload (the Score schema's rules; see
 * `convertScoreFile`) and, when that succeeds, validates the Workload against the CRD's rules offline
 * (`validateWorkload`), which adds what the Score schema does not say (e.g. well-formed placeholders,
 * exactly one probe kind, size bounds). Conversion issues stop there: the CRD is not checked.
 *
 * @throws only for unexpected failures (not a `ScoreApiError` from conversion, which becomes issues).
 */
export function validateScoreFile(
  yamlText: string,
  options: ConvertScoreFileOptions = {},
): ScoreFileValidation {
  let workload: WorkloadObject;
  try {
    workload = convertScoreFile(yamlText, options);
  } catch (err) {
    if (!ScoreApiError.is(err)) throw err;
    const issues = err.issues.length > 0 ? err.issues : [{ field: '', message: err.message }];
    return { issues: issues.map(({ field, message }) => ({ origin: 'score-file', field, message })) };
  }
  const issues = validateWorkload(workload).map((issue): ScoreFileIssue => ({
    origin: 'crd',
    field: issue.field,
    message: issue.message,
    issue,
  }));
  return { workload, issues };
}
