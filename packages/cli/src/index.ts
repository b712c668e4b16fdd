// The public API of @score-orchestrator/cli, name by name: the dispatcher. The command is
// `bin/score-orchestrator.js`; it imports only this, so every command loads what it needs when it runs. The
// pure pieces other tools may reuse (validation, conversion, CRDs) are in `@score-orchestrator/cli/offline`.
// See ../README.md.
export { runCli, commands } from './cli.js';
export type { CliContext, OutputStream } from './cli-context.js';
export { readEnvironment } from './environment.js';
export type { CliEnvironment } from './environment.js';
export { CliError, ExitCode } from './errors/cli.error.js';
export type { CliErrorKind } from './errors/cli.error.js';
export type { Command, CommandSpec, FlagSpec, ParsedArgs } from './args/command-spec.js';
