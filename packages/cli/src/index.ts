// The public API of @score-orchestrator/cli, name by name: the dispatcher and the pure pieces other tools
// may reuse. The command is `bin/score-orchestrator.js`. See ../README.md.
export { runCli, commands } from './cli.js';
export type { CliContext, OutputStream } from './cli-context.js';
export { readEnvironment } from './environment.js';
export type { CliEnvironment } from './environment.js';
export { CliError, ExitCode } from './errors/cli.error.js';
export type { CliErrorKind } from './errors/cli.error.js';
export type { Command, CommandSpec, FlagSpec, ParsedArgs } from './args/command-spec.js';
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
