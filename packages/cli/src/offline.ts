// @score-orchestrator/cli/offline: the pure pieces of the CLI other tools may reuse, name by name: offline
// validation, Score-to-Workload conversion and the Score CRDs. Apart from the entry so that starting the
// command does not load the Score API, the YAML library and CEL. See ../README.md.
export { validateFileText } from './validate/validate-file.js';
export type { ValidateFileOptions } from './validate/validate-file.js';
export { scoreSourceReader } from './files/score-source.js';
export type { ScoreSourceReader } from './files/score-source.js';
export type { FileIssue, FileValidation, IssueOrigin } from './validate/file-issue.js';
export { locateField } from './validate/locate-field.js';
export type { SourcePosition } from './validate/locate-field.js';
export { convertScore } from './convert/convert-score.js';
export type { ConvertScoreRequest } from './convert/convert-score.js';
export { applyOverrideProperty, mergeOverrides, parseDotPath } from './convert/override-path.js';
export { scoreCrds } from './crds/score-crds.js';
