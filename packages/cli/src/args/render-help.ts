import type { CommandSpec } from './command-spec.js';

/** Renders `score-orchestrator <command> --help`. */
export function renderCommandHelp(spec: CommandSpec): string {
  const lines = [`usage: score-orchestrator ${spec.name} ${spec.synopsis}`.trimEnd(), '', spec.summary];
  if (spec.description !== undefined) lines.push('', spec.description);
  const rows = Object.entries(spec.flags).map(([name, flag]) => {
    const short = flag.short === undefined ? '    ' : `-${flag.short}, `;
    const value = flag.type === 'string' ? ` ${flag.value ?? 'VALUE'}` : '';
    const suffix = [
      flag.multiple === true ? '(repeatable)' : '',
      flag.defaultText === undefined ? '' : `(default: ${flag.defaultText})`,
    ]
      .filter((part) => part !== '')
      .join(' ');
    return [`${short}--${name}${value}`, suffix === '' ? flag.description : `${flag.description} ${suffix}`];
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([left]) => left.length));
  lines.push('', 'flags:', ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`));
  if (spec.examples !== undefined && spec.examples.length > 0) {
    lines.push('', 'examples:', ...spec.examples.map((example) => `  ${example}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Renders the top-level help: every command with its summary. */
export function renderRootHelp(specs: readonly CommandSpec[], version: string): string {
  const width = Math.max(...specs.map((spec) => spec.name.length));
  return [
    `score-orchestrator ${version}: run the Score orchestrator, try it locally, validate and convert Score files.`,
    '',
    'usage: score-orchestrator <command> [flags]',
    '',
    'commands:',
    ...specs.map((spec) => `  ${spec.name.padEnd(width)}  ${spec.summary}`),
    '',
    "Run 'score-orchestrator <command> --help' for a command's flags.",
    'Exit codes: 0 ok, 1 validation error or failure, 2 usage error.',
    '',
  ].join('\n');
}
