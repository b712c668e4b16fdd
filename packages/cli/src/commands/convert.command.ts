import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CliContext } from '../cli-context.js';
import type { Command, CommandSpec, ParsedArgs } from '../args/command-spec.js';
import { booleanFlag, choiceFlag, stringFlag, stringsFlag } from '../args/parse-command-args.js';
import { CliError, describeCause, ExitCode, usageError } from '../errors/cli.error.js';

const spec: CommandSpec = {
  name: 'convert',
  summary: 'convert a Score file into a Workload manifest',
  synopsis: '[flags] SCORE_FILE',
  description:
    'Overrides work as in score-k8s: --overrides-file is merged in first (maps merge, null deletes), then each\n' +
    '--override-property PATH=VALUE is applied in order (VALUE is YAML; an empty VALUE deletes PATH; `\\.` is a\n' +
    'dot inside a key; list items by index, -1 appends). File sources are inlined relative to the Score file.\n' +
    'The result is checked with the CRD and placeholder rules unless --skip-validation.',
  flags: {
    namespace: { type: 'string', short: 'n', value: 'NS', description: 'set metadata.namespace' },
    image: { type: 'string', value: 'IMAGE', description: 'the image for containers with image: "."' },
    'override-property': {
      type: 'string',
      multiple: true,
      value: 'PATH=VALUE',
      description: 'set (or with an empty VALUE delete) a Score file property',
    },
    'overrides-file': {
      type: 'string',
      value: 'FILE',
      description: 'a YAML document merged into the Score file',
    },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'write here instead of stdout' },
    output: { type: 'string', value: 'FORMAT', description: 'yaml or json', defaultText: 'yaml' },
    'skip-validation': { type: 'boolean', description: 'do not check the CRD and placeholder rules' },
  },
  positionals: 'some',
  examples: [
    'score-orchestrator convert score.yaml',
    'score-orchestrator convert score.yaml -n shop --image ghcr.io/acme/web:1.2 -o workload.yaml',
    'score-orchestrator convert score.yaml --override-property containers.web.variables.DEBUG=\'"true"\'',
    'score-orchestrator convert score.yaml --override-property service=   # deletes service',
  ],
};

/** The options of `convert`, parsed. */
export interface ConvertOptions {
  readonly file: string;
  readonly namespace?: string;
  readonly image?: string;
  readonly overrideProperties: readonly string[];
  readonly overridesFile?: string;
  readonly out?: string;
  readonly output: 'yaml' | 'json';
  readonly skipValidation: boolean;
}

/** @throws CliError `Usage` for more than one file, a bad `--output` or a malformed override. */
export function convertOptions(args: ParsedArgs): ConvertOptions {
  if (args.positionals.length > 1) throw usageError('convert: give exactly one Score file');
  const overrideProperties = stringsFlag(args, 'override-property');
  for (const entry of overrideProperties) {
    if (!entry.includes('=') || entry.startsWith('=')) {
      throw usageError(`--override-property '${entry}' is invalid: expected PATH=VALUE (PATH= deletes)`);
    }
  }
  return {
    file: args.positionals[0] ?? '',
    namespace: stringFlag(args, 'namespace'),
    image: stringFlag(args, 'image'),
    overrideProperties,
    overridesFile: stringFlag(args, 'overrides-file'),
    out: stringFlag(args, 'out'),
    output: choiceFlag(args, 'output', ['yaml', 'json'] as const, 'yaml'),
    skipValidation: booleanFlag(args, 'skip-validation'),
  };
}

/** `score-orchestrator convert`: see the spec above. */
export const convertCommand: Command = {
  spec,
  async run(args: ParsedArgs, context: CliContext): Promise<number> {
    const options = convertOptions(args);
    // The Score API and the YAML library are loaded only to convert.
    const [{ convertScore }, { renderObjects }] = await Promise.all([
      import('../convert/convert-score.js'),
      import('../output/output-format.js'),
    ]);
    const path = resolve(context.cwd, options.file);
    const text = await readText(path, options.file);
    const overridesFile =
      options.overridesFile === undefined
        ? undefined
        : {
            name: options.overridesFile,
            text: await readText(resolve(context.cwd, options.overridesFile), options.overridesFile),
          };
    const workload = convertScore({
      text,
      name: options.file,
      baseDir: dirname(path),
      namespace: options.namespace,
      image: options.image,
      overridesFile,
      overrideProperties: options.overrideProperties,
      skipValidation: options.skipValidation,
    });
    const rendered = renderObjects([workload], options.output);
    if (options.out === undefined) context.stdout.write(rendered);
    else {
      await writeFile(resolve(context.cwd, options.out), rendered).catch((err: unknown) => {
        throw new CliError('Failure', `failed to write ${options.out}: ${describeCause(err)}`, {
          cause: err,
        });
      });
      context.stderr.write(`wrote ${options.out}\n`);
    }
    return ExitCode.Ok;
  },
};

async function readText(path: string, name: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError('Failure', `failed to read ${name}: ${describeCause(err)}`, { cause: err });
  }
}
