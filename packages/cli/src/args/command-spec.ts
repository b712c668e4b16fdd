import type { CliContext } from '../cli-context.js';

/** One flag of a command, as `util.parseArgs` takes it plus what `--help` prints. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's placeholder in help, e.g. `FILE`. */
  readonly value?: string;
  readonly description: string;
  /** Shown in help as `(default: ...)`; parsing does not apply it (the command does, so it can tell). */
  readonly defaultText?: string;
}

/** What a command accepts and how `--help` describes it. */
export interface CommandSpec {
  /** The words that select it, e.g. `validate` or `plugins list`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The synopsis after `score-orchestrator <name>`, e.g. `[flags] FILE...`. */
  readonly synopsis: string;
  /** A paragraph or two for `--help`. */
  readonly description?: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** Positional arguments allowed: none, some, or at least one. */
  readonly positionals: 'none' | 'any' | 'some';
  readonly examples?: readonly string[];
}

/** Flags and positionals as `parseCommandArgs` returns them. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** A subcommand: its spec and what it does. Returns the exit code; throws `CliError` for failures. */
export interface Command {
  readonly spec: CommandSpec;
  run(args: ParsedArgs, context: CliContext): Promise<number>;
}
