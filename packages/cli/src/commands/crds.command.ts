import { resolve } from 'node:path';
import type { CliContext } from '../cli-context.js';
import type { Command, CommandSpec, ParsedArgs } from '../args/command-spec.js';
import { choiceFlag, stringFlag } from '../args/parse-command-args.js';
import { CliError, describeCause, ExitCode } from '../errors/cli.error.js';

const spec: CommandSpec = {
  name: 'crds',
  summary: 'print the Workload, ResourceClaim and WorkloadPlan CRDs, or write them to a folder',
  synopsis: '[--out DIR] [--output yaml|json]',
  description:
    'The CRDs are generated from the api package this CLI runs with, byte for byte the files in the\n' +
    "repository's crds/ folder. Install them with: score-orchestrator crds | kubectl apply --server-side -f -",
  flags: {
    out: { type: 'string', value: 'DIR', description: 'write one <group>_<plural>.yaml per CRD into DIR' },
    output: {
      type: 'string',
      value: 'FORMAT',
      description: 'yaml or json (stdout only)',
      defaultText: 'yaml',
    },
  },
  positionals: 'none',
  examples: [
    'score-orchestrator crds | kubectl apply --server-side -f -',
    'score-orchestrator crds --out deploy/crds',
  ],
};

/** `score-orchestrator crds`: see the spec above. */
export const crdsCommand: Command = {
  spec,
  async run(args: ParsedArgs, context: CliContext): Promise<number> {
    const output = choiceFlag(args, 'output', ['yaml', 'json'] as const, 'yaml');
    const out = stringFlag(args, 'out');
    // The SDK's CRD generation and the Score API are loaded only for this command.
    const [{ renderCrdYaml, writeCrds }, { scoreCrds, scoreResourceClasses }, { renderObjects }] =
      await Promise.all([
        import('@score-orchestrator/operator-sdk'),
        import('../crds/score-crds.js'),
        import('../output/output-format.js'),
      ]);
    if (out !== undefined) {
      const written = await writeCrds(scoreResourceClasses, resolve(context.cwd, out)).catch(
        (err: unknown) => {
          throw new CliError('Failure', `failed to write CRDs to ${out}: ${describeCause(err)}`, {
            cause: err,
          });
        },
      );
      for (const path of written) context.stdout.write(`wrote ${path}\n`);
      return ExitCode.Ok;
    }
    const crds = scoreCrds();
    context.stdout.write(output === 'yaml' ? crds.map(renderCrdYaml).join('') : renderObjects(crds, 'json'));
    return ExitCode.Ok;
  },
};
