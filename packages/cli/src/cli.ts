// The dispatcher: picks the command from the first words of argv, parses its flags, runs it and turns
// every outcome into an exit code (0 ok, 1 validation error or failure, 2 usage error).
import { readFileSync } from 'node:fs';
import type { CliContext } from './cli-context.js';
import type { Command } from './args/command-spec.js';
import { HELP_FLAG, parseCommandArgs } from './args/parse-command-args.js';
import { renderCommandHelp, renderRootHelp } from './args/render-help.js';
import { convertCommand } from './commands/convert.command.js';
import { crdsCommand } from './commands/crds.command.js';
import { devCommand } from './commands/dev.command.js';
import { pluginsCommand } from './commands/plugins.command.js';
import { runCommand } from './commands/run.command.js';
import { validateCommand } from './commands/validate.command.js';
import { CliError, describeCause, ExitCode } from './errors/cli.error.js';

/** Every command, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  runCommand,
  devCommand,
  validateCommand,
  convertCommand,
  crdsCommand,
  pluginsCommand,
];

/** This package's version, for `--version`. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Runs `score-orchestrator` with `argv` (without the node and script paths) and returns the exit code.
 * Errors are printed to stderr: a usage error with a pointer to `--help`, anything else as its message.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    context.stdout.write(
      renderRootHelp(
        commands.map((c) => c.spec),
        cliVersion(),
      ),
    );
    return first === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  if (first === '--version' || first === 'version') {
    context.stdout.write(`${cliVersion()}\n`);
    return ExitCode.Ok;
  }
  const match = findCommand(argv);
  if (match === undefined) {
    const group = commands.filter((c) => c.spec.name.startsWith(`${first} `));
    const hint =
      group.length > 0
        ? `'${first}' needs a subcommand: ${group.map((c) => c.spec.name).join(', ')}`
        : `unknown command '${first}'`;
    context.stderr.write(`error: ${hint}\nRun 'score-orchestrator --help' for the commands.\n`);
    return ExitCode.Usage;
  }
  const { command, args } = match;
  try {
    const parsed = parseCommandArgs(command.spec, args);
    if (parsed.values[HELP_FLAG] === true) {
      context.stdout.write(renderCommandHelp(command.spec));
      return ExitCode.Ok;
    }
    return await command.run(parsed, context);
  } catch (err) {
    if (CliError.is(err)) {
      context.stderr.write(`error: ${err.message}\n`);
      if (err.kind === 'Usage')
        context.stderr.write(`Run 'score-orchestrator ${command.spec.name} --help' for usage.\n`);
      return err.exitCode;
    }
    context.stderr.write(`error: ${command.spec.name} failed: ${describeCause(err)}\n`);
    return ExitCode.Failure;
  }
}

function findCommand(argv: readonly string[]): { command: Command; args: readonly string[] } | undefined {
  for (const command of commands) {
    const words = command.spec.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command, args: argv.slice(words.length) };
  }
  return undefined;
}
