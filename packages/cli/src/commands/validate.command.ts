import { dirname } from 'node:path';
import type { CliContext } from '../cli-context.js';
import type { Command, CommandSpec, ParsedArgs } from '../args/command-spec.js';
import { choiceFlag } from '../args/parse-command-args.js';
import { ExitCode } from '../errors/cli.error.js';
import { readInputFiles } from '../files/expand-files.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/output-formats.js';

const spec: CommandSpec = {
  name: 'validate',
  summary: 'check Score files and Workload manifests offline, with the rules of the cluster',
  synopsis: '[--output text|json|yaml] FILE|DIR...',
  description:
    'Applies the Score schema, the Workload CRD (OpenAPI schema and CEL rules, as the API server would) and\n' +
    'the placeholder rules. File sources (files.<target>.source) are read relative to the Score file, as\n' +
    'convert reads them. Every error names file:line:column and the field. Exits 1 when any error is found.',
  flags: {
    output: { type: 'string', value: 'FORMAT', description: 'text, json or yaml', defaultText: 'text' },
  },
  positionals: 'some',
  examples: [
    'score-orchestrator validate score.yaml',
    'score-orchestrator validate --output json examples/hello',
  ],
};

/** The options of `validate`, parsed. */
export interface ValidateOptions {
  readonly files: readonly string[];
  readonly output: OutputFormat;
}

/** @throws CliError `Usage` for a bad `--output`. */
export function validateOptions(args: ParsedArgs): ValidateOptions {
  return { files: args.positionals, output: choiceFlag(args, 'output', OUTPUT_FORMATS, 'text') };
}

/** `score-orchestrator validate`: see the spec above. */
export const validateCommand: Command = {
  spec,
  async run(args: ParsedArgs, context: CliContext): Promise<number> {
    const options = validateOptions(args);
    // The Score API, the CRD's schema and CEL rules are loaded only to validate.
    const [{ validateFileText }, { renderValidation }] = await Promise.all([
      import('../validate/validate-file.js'),
      import('../output/validation-report.js'),
    ]);
    const files = await readInputFiles(options.files, context.cwd);
    const results = files.map((file) =>
      validateFileText(file.name, file.text, { baseDir: dirname(file.path) }),
    );
    context.stdout.write(renderValidation(results, options.output));
    return results.some((result) => result.issues.length > 0) ? ExitCode.Failure : ExitCode.Ok;
  },
};
