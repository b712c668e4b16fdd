// Runs a cmd:// provisioner: score-k8s's JSON input on stdin, its JSON output on stdout, within a time limit.
import { spawn } from 'node:child_process';
import { parseCmdOutput } from '../contract/parse-cmd-output.js';
import type { ProvisionerInput, ProvisionerOutput } from '../contract/provisioner-input.js';
import { ProvisionersError } from '../errors/provisioners.error.js';
import type { CmdProvisionerDefinition } from '../provisioner-file/provisioner-definition.js';

/** Options of {@link runCmdProvisioner}. */
export interface RunCmdOptions {
  /** Kill the program after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** Kill the program when aborted (the orchestrator stopping). */
  readonly signal?: AbortSignal;
  /** The args' template data (score-k8s renders each arg as a template). */
  readonly argData: unknown;
}

const maxStdout = 16 * 1024 * 1024;
const maxStderrTail = 1024;

/**
 * Runs `def`'s program with its args, writes `input` as JSON to stdin and decodes stdout (score-k8s's
 * `cmdprov`). stderr is kept only for the error message of a failed run (its last 1 KiB).
 *
 * @throws ProvisionersError `Command` when the program cannot start, exits non-zero or times out;
 *   `Output` when its output is not a valid provisioner output; `Render` when an arg template fails.
 */
export async function runCmdProvisioner(
  def: CmdProvisionerDefinition,
  input: ProvisionerInput,
  options: RunCmdOptions,
): Promise<ProvisionerOutput> {
  const args = def.args.map((arg) => arg.render(options.argData));
  const program = def.command.lookup === 'path' ? def.command.name : def.command.path;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const fail = (what: string, cause?: unknown) =>
    new ProvisionersError('Command', `failed to execute cmd provisioner ${def.uri}: ${what}`, { cause });

  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal });
    const out: Buffer[] = [];
    let outBytes = 0;
    let errTail = '';
    let timedOut = false;
    let tooLarge = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxStdout) {
        tooLarge = true;
        child.kill('SIGKILL');
      } else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errTail = (errTail + chunk.toString('utf8')).slice(-maxStderrTail);
    });
    child.stdin.on('error', () => undefined); // a program that exits without reading stdin
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') reject(fail(`program ${JSON.stringify(program)} not found`, err));
      else if (err.code === 'EACCES')
        reject(fail(`program ${JSON.stringify(program)} is not executable`, err));
      else if (err.name === 'AbortError') reject(fail('aborted', err));
      else reject(fail(err.message, err));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = errTail.trim();
      if (timedOut) return reject(fail(`timed out after ${timeoutMs} ms`));
      if (tooLarge) return reject(fail(`output exceeds ${maxStdout} bytes`));
      if (code !== 0) {
        const status = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        return reject(fail(`${status}${stderr ? `: ${stderr}` : ''}`));
      }
      resolve({ stdout: Buffer.concat(out).toString('utf8') });
    });
    child.stdin.end(JSON.stringify(input));
  });
  return parseCmdOutput(def.uri, stdout);
}
