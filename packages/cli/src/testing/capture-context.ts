// A CliContext whose streams are captured strings, for tests of commands through `runCli`.
import type { CliContext } from '../cli-context.js';
import { readEnvironment } from '../environment.js';

export interface CapturedContext extends CliContext {
  readonly out: () => string;
  readonly err: () => string;
}

export function captureContext(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedContext {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: readEnvironment(env),
    cwd,
    out: () => out,
    err: () => err,
  };
}
