import { parseArgs } from 'node:util';
import { usageError } from '../errors/cli.error.js';
import type { CommandSpec, ParsedArgs } from './command-spec.js';

/** The flag every command has. */
export const HELP_FLAG = 'help';

/**
 * Parses one command's arguments strictly with `util.parseArgs`: unknown flags, missing values and
 * unexpected positionals are usage errors (exit 2) that name the problem. `--help`/`-h` is always accepted.
 *
 * @throws CliError `Usage`.
 */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {
    [HELP_FLAG]: { type: 'boolean', short: 'h' },
  };
  for (const [name, flag] of Object.entries(spec.flags)) {
    options[name] = {
      type: flag.type,
      ...(flag.short === undefined ? {} : { short: flag.short }),
      ...(flag.multiple === undefined ? {} : { multiple: flag.multiple }),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw usageError(`${spec.name}: ${cleanParseError(err)}`);
  }
  const values = parsed.values as ParsedArgs['values'];
  if (values[HELP_FLAG] === true) return { values, positionals: parsed.positionals };
  if (spec.positionals === 'none' && parsed.positionals.length > 0) {
    throw usageError(`${spec.name}: unexpected argument '${parsed.positionals[0]}'`);
  }
  if (spec.positionals === 'some' && parsed.positionals.length === 0) {
    throw usageError(
      `${spec.name}: missing argument; usage: score-orchestrator ${spec.name} ${spec.synopsis}`,
    );
  }
  return { values, positionals: parsed.positionals };
}

// util.parseArgs messages end with hints for scripts ("To specify a positional argument starting with a
// '-', place it at the end of the command after '--'"); keep the first sentence.
function cleanParseError(err: unknown): string {
  // Not `instanceof Error`: node's errors come from another realm under jest's VM modules.
  const message =
    typeof (err as { message?: unknown })?.message === 'string' ? (err as Error).message : String(err);
  const first = message.split(/\. (?=To )/)[0] ?? message;
  return first.replace(/^Unknown option '([^']+)'$/, "unknown flag '$1'");
}

/** Reads a string flag; `undefined` when absent. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a repeatable string flag; empty when absent. */
export function stringsFlag(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** Reads a boolean flag. */
export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** Reads one of `choices`, or `fallback` when absent. @throws CliError `Usage` for anything else. */
export function choiceFlag<T extends string>(
  args: ParsedArgs,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = stringFlag(args, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw usageError(`--${name} must be one of ${choices.join(', ')}, not '${value}'`);
  }
  return value as T;
}

/**
 * Reads a duration such as `90s`, `5m`, `1500ms` or a bare number of seconds, in milliseconds.
 * @throws CliError `Usage` for anything else.
 */
export function durationFlag(args: ParsedArgs, name: string, fallbackMs: number): number {
  const value = stringFlag(args, name);
  if (value === undefined) return fallbackMs;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (match === null) throw usageError(`--${name} must be a duration like 90s, 5m or 1h, not '${value}'`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  return Math.round(Number(match[1]) * unit);
}

/** Reads a port number (0–65535). @throws CliError `Usage` for anything else. */
export function portFlag(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw usageError(`--${name} must be a port number (0-65535), not '${value}'`);
  }
  return Number(value);
}
