// Runs a cmd:// provisioner: score-k8s's JSON input on stdin, its JSON output on stdout, within a time limit.
import { spawn } from 'node:child_process';
import { parseCmdOutput } from '../contract/parse-cmd-output.js';
import type { ProvisionerInput, ProvisionerOutput } from '../contract/provisioner-input.js';
import { ProvisionersError } from '../errors/provisioners.error.js';
import type { CmdProvisionerDefinition } from '../provisioner-file/provisioner-definition.js';
import { describeStderr, redactStderr, secretNeedles } from './redact-stderr.js';

/** Options of {@link runCmdProvisioner}. */
export interface RunCmdOptions {
  /** Kill the program after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** Kill the program when aborted (the orchestrator stopping). */
  readonly signal?: AbortSignal;
  /** The args' template data (score-k8s renders each arg as a template). */
  readonly argData: unknown;
  /** Secret values known besides the input's state (e.g. the claim's secret outputs), kept out of errors. */
  readonly knownSecrets?: readonly string[];
}

const maxStdout = 16 * 1024 * 1024;
const maxStderrTail = 1024;

/**
 * Runs `def`'s program with its args, writes `input` as JSON to stdin and decodes stdout (score-k8s's
 * `cmdprov`). stderr is kept only for the error of a failed run, and only redacted (its last 1 KiB, at
 * most 10 lines, without any line that holds a value of the input's or output's state, a secret in
 * `knownSecrets` or a returned Secret manifest, or that looks like a secret: see `redactStderr`).
 *
 * @throws ProvisionersError `Command` when the program cannot start, exits non-zero or times out;
 *   `Output` when its output is not a valid provisioner output; `Render` when an arg template fails.
 */
export async function runCmdProvisioner(
  def: CmdProvisionerDefinition,
  input: ProvisionerInput,
  options: RunCmdOptions,
): Promise<ProvisionerOutput> {
  const args = def.args.map((arg) => {
    try {
      return arg.render(options.argData);
    } catch (err) {
      throw new ProvisionersError(
        'Render',
        `args of cmd provisioner ${def.uri} failed: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  });
  const program = def.command.lookup === 'path' ? def.command.name : def.command.path;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const fail = (what: string, cause?: unknown) =>
    new ProvisionersError('Command', `failed to execute cmd provisioner ${def.uri}: ${what}`, { cause });

  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal });
    const out: Buffer[] = [];
    let outBytes = 0;
    let errTail = Buffer.alloc(0);
    let errCut = false;
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
      errTail = Buffer.concat([errTail, chunk]);
      if (errTail.length > maxStderrTail) {
        errTail = errTail.subarray(-maxStderrTail);
        errCut = true;
      }
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
      if (timedOut) return reject(fail(`timed out after ${timeoutMs} ms`));
      if (tooLarge) return reject(fail(`output exceeds ${maxStdout} bytes`));
      const stdout = Buffer.concat(out).toString('utf8');
      if (code !== 0) {
        const status = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        const needles = secretNeedles(
          input.resource_state,
          input.shared_state,
          options.knownSecrets ?? [],
          returnedSecrets(stdout),
        );
        const stderr = redactStderr(errTail.toString('utf8'), needles, errCut);
        return reject(
          fail(
            `${status}; fix the program or its input (a provisioner exits 0 and prints its output as JSON on stdout)${describeStderr(stderr)}`,
          ),
        );
      }
      resolve({ stdout });
    });
    child.stdin.end(cmdInputJson(input));
  });
  return parseCmdOutput(def.uri, stdout);
}

/**
 * `input` as score-k8s writes it to stdin. Its `NetworkService.ServiceName` has a YAML tag but no JSON tag,
 * so Go writes `ServiceName`; both spellings are written so programs written for either keep working.
 */
function cmdInputJson(input: ProvisionerInput): string {
  const services = Object.fromEntries(
    Object.entries(input.workload_services).map(([name, svc]) => [
      name,
      { ...svc, ServiceName: svc.service_name },
    ]),
  );
  return JSON.stringify({ ...input, workload_services: services });
}

/** What a failed program printed on stdout that may be secret: its states and returned Secrets' data. */
function returnedSecrets(stdout: string): unknown[] {
  let out: unknown;
  try {
    out = JSON.parse(stdout);
  } catch {
    return [];
  }
  if (typeof out !== 'object' || out === null) return [];
  const { resource_state, shared_state, manifests } = out as Record<string, unknown>;
  const secrets = (Array.isArray(manifests) ? manifests : []).filter(
    (m): m is Record<string, unknown> => typeof m === 'object' && m !== null && m.kind === 'Secret',
  );
  const decoded = secrets.map((m) =>
    Object.values((m.data ?? {}) as Record<string, unknown>).map((v) =>
      Buffer.from(String(v), 'base64').toString('utf8'),
    ),
  );
  return [resource_state, shared_state, secrets.map((m) => [m.data, m.stringData]), decoded];
}
