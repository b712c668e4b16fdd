import { describe, expect, it } from '@jest/globals';
import { CliError } from '../errors/cli.error.js';
import type { CommandSpec } from './command-spec.js';
import { choiceFlag, durationFlag, parseCommandArgs, portFlag } from './parse-command-args.js';
import { renderCommandHelp } from './render-help.js';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'a demo',
  synopsis: '[flags] FILE...',
  flags: {
    output: { type: 'string', value: 'FORMAT', description: 'the format', defaultText: 'text' },
    tag: { type: 'string', short: 't', multiple: true, description: 'a tag' },
    force: { type: 'boolean', description: 'force it' },
  },
  positionals: 'some',
  examples: ['score-orchestrator demo a.yaml'],
};

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(CliError.is(err, 'Usage')).toBe(true);
    expect((err as CliError).exitCode).toBe(2);
    return (err as CliError).message;
  }
  throw new Error('expected a usage error');
}

describe('parseCommandArgs', () => {
  it('parses flags, repeated flags and positionals', () => {
    const args = parseCommandArgs(spec, [
      'a.yaml',
      '--output',
      'json',
      '-t',
      'x',
      '--tag=y',
      '--force',
      'b.yaml',
    ]);
    expect(args.positionals).toEqual(['a.yaml', 'b.yaml']);
    expect(args.values).toMatchObject({ output: 'json', tag: ['x', 'y'], force: true });
  });

  it.each([
    [['a.yaml', '--bogus'], "demo: unknown flag '--bogus'"],
    [['a.yaml', '--output'], "demo: Option '--output <value>' argument missing"],
    [[], 'demo: missing argument; usage: score-orchestrator demo [flags] FILE...'],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(usageMessage(() => parseCommandArgs(spec, argv))).toBe(message);
  });

  it('rejects positionals a command does not take', () => {
    expect(usageMessage(() => parseCommandArgs({ ...spec, positionals: 'none' }, ['x']))).toBe(
      "demo: unexpected argument 'x'",
    );
  });

  it('accepts --help without the required arguments', () => {
    expect(parseCommandArgs(spec, ['-h']).values.help).toBe(true);
  });
});

describe('flag readers', () => {
  const args = (values: Record<string, string>) => ({ values, positionals: [] });

  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1500ms', 1500],
    ['2', 2000],
    ['1h', 3_600_000],
  ])('reads the duration %s', (text, ms) => {
    expect(durationFlag(args({ timeout: text }), 'timeout', 1)).toBe(ms);
  });

  it('rejects bad durations, choices and ports', () => {
    expect(usageMessage(() => durationFlag(args({ timeout: 'soon' }), 'timeout', 1))).toMatch(
      /--timeout must be a duration/,
    );
    expect(usageMessage(() => choiceFlag(args({ output: 'xml' }), 'output', ['text', 'json'], 'text'))).toBe(
      "--output must be one of text, json, not 'xml'",
    );
    expect(usageMessage(() => portFlag('70000', 'probe-port'))).toMatch(/port number/);
  });
});

describe('renderCommandHelp', () => {
  it('lists the synopsis, every flag with its default and the examples', () => {
    expect(renderCommandHelp(spec)).toBe(
      [
        'usage: score-orchestrator demo [flags] FILE...',
        '',
        'a demo',
        '',
        'flags:',
        '      --output FORMAT  the format (default: text)',
        '  -t, --tag VALUE      a tag (repeatable)',
        '      --force          force it',
        '  -h, --help           show this help',
        '',
        'examples:',
        '  score-orchestrator demo a.yaml',
        '',
      ].join('\n'),
    );
  });
});
