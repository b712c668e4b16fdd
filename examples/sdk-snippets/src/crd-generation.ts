// Generating a CRD from a decorated class, in code (the CLI `bin/generate-crds.js` does the same for files).
import { generateCrd, OfflineValidator, renderCrdYaml } from '@score-orchestrator/operator-sdk';
import { Widget } from './widget.resource.js';

// #region render
/** The Widget CRD as YAML, ready for `kubectl apply -f -`. */
export function widgetCrdYaml(): string {
  return renderCrdYaml(generateCrd(Widget));
}
// #endregion render

// #region validate
const validator = OfflineValidator.fromClass(Widget); // or OfflineValidator.fromCrd(crd, 'v1')

/** What the API server would answer when `obj` is created, one line per issue. */
export function widgetIssues(obj: unknown): string[] {
  return validator.validate(obj).map(String);
}
// #endregion validate

// #region check
/** The fields the API server would drop from `obj`, and the object as it would store it (defaults applied). */
export function widgetAsStored(obj: unknown): { prunedFields: readonly string[]; stored: unknown } {
  const report = validator.check(obj); // also report.issues, as validate() returns them
  return { prunedFields: report.prunedFields, stored: report.object };
}
// #endregion check
