import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { ProvisionerInput } from '../contract/provisioner-input.js';
import { ProvisionersError } from '../errors/provisioners.error.js';
import { loadProvisionerFile } from '../provisioner-file/load-provisioner-file.js';
import type { CmdProvisionerDefinition } from '../provisioner-file/provisioner-definition.js';
import { argTemplateData } from '../template-provisioner/template-data.js';
import { runCmdProvisioner } from './run-cmd-provisioner.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

const input: ProvisionerInput = {
  resource_guid: '0123456789abcdef',
  resource_uid: 'thing.default#web.thing',
  resource_type: 'thing',
  resource_class: 'default',
  resource_id: 'web.thing',
  resource_params: { who: 'world' },
  resource_metadata: {},
  source_workload: 'web',
  workload_services: {},
  resource_state: { count: 4 },
  shared_state: {},
};

function cmd(args: string[], uri = 'cmd://node'): CmdProvisionerDefinition {
  const yaml = `- uri: ${uri}\n  type: thing\n  args: ${JSON.stringify(args)}\n`;
  return loadProvisionerFile(yaml, { baseDir: fixtures })[0] as CmdProvisionerDefinition;
}

const run = (def: CmdProvisionerDefinition, timeoutMs?: number, given: ProvisionerInput = input) =>
  runCmdProvisioner(def, given, { argData: argTemplateData(given), timeoutMs, knownSecrets });

const password = 'Xk2#mPq9-vT4wL8z';
const knownSecrets = ['tok-previous-secret-output'];
const secretInput: ProvisionerInput = {
  ...input,
  resource_state: { password },
  shared_state: { admin: 'shared-admin-s3cret' },
};

describe('runCmdProvisioner', () => {
  it('sends score-k8s input on stdin and decodes the output; args are templates, <mode> is "provision"', async () => {
    const out = await run(cmd([`${fixtures}echo-provisioner.mjs`, 'echo', '{{ .Type }}-{{ .Params.who }}']));
    expect(out.resource_state).toEqual({ count: 5 });
    expect(out.shared_state).toEqual({ cmdRuns: 1 });
    expect(out.resource_outputs).toMatchObject({
      uid: 'thing.default#web.thing',
      id: 'web.thing',
      greeting: 'hello world',
      arg: 'thing-world',
    });
    expect(out.manifests).toHaveLength(1);
    const mode = await run(cmd([`${fixtures}echo-provisioner.mjs`, 'echo', '<mode>']));
    expect(mode.resource_outputs?.arg).toBe('provision');
  });

  it('runs a program relative to the file (cmd://./...)', async () => {
    const out = await run(cmd(['echo'], 'cmd://./echo-provisioner.mjs'));
    expect(out.resource_state).toEqual({ count: 5 });
  });

  it('sends workload_services as score-k8s does, ServiceName spelled both ways', async () => {
    const ports = { web: { name: 'web', port: 8080, target_port: 3000, protocol: 'TCP' } };
    const given = { ...input, workload_services: { backend: { service_name: 'backend', ports } } };
    const out = await run(cmd([`${fixtures}echo-provisioner.mjs`, 'services']), undefined, given);
    expect(out.resource_outputs?.services).toEqual({
      backend: { service_name: 'backend', ServiceName: 'backend', ports },
    });
  });

  it('reports a non-zero exit with its code, the uri, what to do and the end of stderr', async () => {
    await expect(run(cmd([`${fixtures}echo-provisioner.mjs`, 'fail']))).rejects.toThrow(
      'failed to execute cmd provisioner cmd://node: exited with code 3; fix the program or its input (a provisioner exits 0 and prints its output as JSON on stdout); stderr: cannot reach the database API',
    );
  });

  it('never puts a secret the program prints on stderr into the error', async () => {
    const def = cmd([`${fixtures}echo-provisioner.mjs`, 'leak', knownSecrets[0]!]);
    const err = await run(def, undefined, secretInput).catch((e: unknown) => e);
    expect(ProvisionersError.is(err, 'Command')).toBe(true);
    const message = (err as Error).message;
    expect(message).toBe(
      'failed to execute cmd provisioner cmd://node: exited with code 4; fix the program or its input (a provisioner exits 0 and prints its output as JSON on stdout); stderr (8 lines that may hold secrets removed): cannot reach the database API | retrying in 5s',
    );
    for (const secret of [
      password,
      Buffer.from(password).toString('base64'),
      'shared-admin-s3cret',
      knownSecrets[0]!,
      's3cr3t-not-in-the-input',
      'AKIA-not-in-the-input',
      'eyJhbGciOiJIUzI1NiJ9',
      'pa55w0rd',
    ])
      expect(`${message} ${String((err as Error).cause)}`).not.toContain(secret);
  });

  it('drops the cut-off first line of the stderr tail, which may be the end of a secret', async () => {
    const err = await run(cmd([`${fixtures}echo-provisioner.mjs`, 'leak-cut']), undefined, secretInput).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toMatch(/exited with code 5; .*; stderr: y{1012}$/);
    expect((err as Error).message).not.toContain(password.slice(-10));
  });

  it('reports output that is not JSON without echoing it', async () => {
    const err = await run(cmd([`${fixtures}echo-provisioner.mjs`, 'garbage'])).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'failed to decode output from cmd provisioner cmd://node: the output (36 bytes) is not valid JSON',
    );
    expect((err as Error).message).not.toContain('secret-value');
  });

  it('rejects unknown output fields, as score-k8s does', async () => {
    await expect(run(cmd([`${fixtures}echo-provisioner.mjs`, 'unknown-field']))).rejects.toThrow(
      'failed to decode output from cmd provisioner cmd://node: unknown field "extra"',
    );
  });

  it('kills a provisioner that takes too long', async () => {
    await expect(run(cmd([`${fixtures}echo-provisioner.mjs`, 'sleep']), 300)).rejects.toThrow(
      'failed to execute cmd provisioner cmd://node: timed out after 300 ms',
    );
  });

  it('reports a program that does not exist', async () => {
    await expect(run(cmd([], 'cmd://no-such-provisioner-program'))).rejects.toThrow(
      'failed to execute cmd provisioner cmd://no-such-provisioner-program: program "no-such-provisioner-program" not found',
    );
  });
});
