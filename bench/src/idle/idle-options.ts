// The idle-memory bench's command-line options.
import { parseArgs } from 'node:util';

/** A labelled value from a `--name=label=value` option. */
export interface Labelled {
  readonly label: string;
  readonly value: string;
}

export interface IdleOptions {
  /** Node binaries to compare (default: the one running the bench). */
  readonly nodes: readonly Labelled[];
  /** Settings to compare: node flags and `NAME=value` environment variables, space-separated (default: none). */
  readonly flags: readonly Labelled[];
  /**
   * Source trees to compare, each built (`npx tsc -b`) with its own node_modules (default: this one), or
   * entries to run (a path ending in `.js`, such as a bundled entry; the config is then this repository's).
   */
  readonly trees: readonly Labelled[];
  /** Rounds; every combination runs once per round, all at once, and the median is reported. */
  readonly runs: number;
  /** How long each process idles before it is measured. */
  readonly seconds: number;
  /** The platform config, relative to each tree. */
  readonly config: string;
  readonly out: string;
}

const usage = `usage: npm run bench:idle -w @score-orchestrator/bench -- [--node=LABEL=PATH]... [--flags=LABEL=FLAGS]...
  (FLAGS: node flags and NAME=value environment variables, space-separated: --flags=arena2=MALLOC_ARENA_MAX=2)
  [--tree=LABEL=DIR|LABEL=ENTRY.js]... [--runs=3] [--seconds=60] [--config=examples/hello/platform.yaml]
  [--out=bench-results/idle-memory.json]`;

/** Parses `argv` (without node and script); `root` and `execPath` give the defaults. */
export function parseIdleOptions(argv: readonly string[], root: string, execPath: string): IdleOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      node: { type: 'string', multiple: true },
      flags: { type: 'string', multiple: true },
      tree: { type: 'string', multiple: true },
      runs: { type: 'string' },
      seconds: { type: 'string' },
      config: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const labelled = (name: string, items: string[] | undefined, fallback: Labelled): Labelled[] =>
    (items ?? [])
      .map((item) => {
        const at = item.indexOf('=');
        if (at <= 0) throw new Error(`--${name} must be LABEL=VALUE, got ${item}\n${usage}`);
        return { label: item.slice(0, at), value: item.slice(at + 1) };
      })
      .concat(items === undefined ? [fallback] : []);
  const int = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be an integer >= 1\n${usage}`);
    return value;
  };
  return {
    nodes: labelled('node', values.node, {
      label: `node${process.versions.node.split('.')[0]}`,
      value: execPath,
    }),
    flags: labelled('flags', values.flags, { label: 'default', value: '' }),
    trees: labelled('tree', values.tree, { label: 'this', value: root }),
    runs: int('runs', values.runs, 3),
    seconds: int('seconds', values.seconds, 60),
    config: values.config ?? 'examples/hello/platform.yaml',
    out: values.out ?? 'bench-results/idle-memory.json',
  };
}
