import type { CliContext } from '../cli-context.js';
import type { Command, CommandSpec, ParsedArgs } from '../args/command-spec.js';
import { choiceFlag, stringFlag, stringsFlag } from '../args/parse-command-args.js';
import { CliError, ExitCode, usageError } from '../errors/cli.error.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/output-formats.js';

const spec: CommandSpec = {
  name: 'plugins list',
  summary: 'list the resolvers and runtimes of plugin packages',
  synopsis: '[--config FILE | --plugin PACKAGE...] [--output text|json|yaml]',
  description:
    "Imports the packages named in the platform config's plugins (--config), or given with --plugin, or else\n" +
    'the built-in ones, checks them as `run` would, and lists each resolver (name, type, classes, ids) and\n' +
    'runtime (runtime class) with the kinds it owns. Exits 1 when a package cannot be loaded.',
  flags: {
    config: {
      type: 'string',
      short: 'c',
      value: 'FILE',
      description: 'a platform config file; its plugins are listed',
    },
    plugin: {
      type: 'string',
      short: 'p',
      multiple: true,
      value: 'PACKAGE',
      description: 'a plugin package to list',
    },
    output: { type: 'string', value: 'FORMAT', description: 'text, json or yaml', defaultText: 'text' },
  },
  positionals: 'none',
  examples: [
    'score-orchestrator plugins list',
    'score-orchestrator plugins list --config platform.yaml --output json',
    'score-orchestrator plugins list --plugin @acme/score-resolver-aws',
  ],
};

/** The options of `plugins list`, parsed. */
export interface PluginsOptions {
  readonly config?: string;
  readonly plugins: readonly string[];
  readonly output: OutputFormat;
}

/** @throws CliError `Usage` for `--config` with `--plugin`, or a bad `--output`. */
export function pluginsOptions(args: ParsedArgs): PluginsOptions {
  const config = stringFlag(args, 'config');
  const plugins = stringsFlag(args, 'plugin');
  if (config !== undefined && plugins.length > 0)
    throw usageError('plugins list: give --config or --plugin, not both');
  return { config, plugins, output: choiceFlag(args, 'output', OUTPUT_FORMATS, 'text') };
}

/** `score-orchestrator plugins list`. */
export const pluginsCommand: Command = {
  spec,
  async run(args: ParsedArgs, context: CliContext): Promise<number> {
    const options = pluginsOptions(args);
    // Plugins and the orchestrator's loader are imported only when listing.
    const [{ describePlugins, loadPlugins, OrchestratorError }, { renderPlugins }, builtin, configFile] =
      await Promise.all([
        import('@score-orchestrator/orchestrator'),
        import('../output/plugin-table.js'),
        import('../plugins/builtin-plugins.js'),
        import('../plugins/read-config-file.js'),
      ]);
    const { BUILTIN_PLUGIN_PACKAGES } = builtin;
    const { readPlatformConfigFile } = configFile;
    let names = options.plugins.length > 0 ? options.plugins : BUILTIN_PLUGIN_PACKAGES;
    if (options.config !== undefined)
      names = (await readPlatformConfigFile(options.config, context.cwd)).config.plugins;
    try {
      const loaded = await loadPlugins(names);
      context.stdout.write(renderPlugins(describePlugins(loaded), options.output));
    } catch (err) {
      if (OrchestratorError.is(err)) throw new CliError('Failure', err.message, { cause: err });
      throw err;
    }
    return ExitCode.Ok;
  },
};
