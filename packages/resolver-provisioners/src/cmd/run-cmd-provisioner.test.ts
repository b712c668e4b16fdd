import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { ProvisionerInput } from '../contract/provisioner-input.js';
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

const run = (def: CmdProvisionerDefinition, timeoutMs?: number) =>
  runCmdProvisioner(def, input, { argData: argTemplateData(input), timeoutMs });

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

  it('reports a non-zero exit with the end of stderr', async () => {
    await expect(run(cmd([`${fixtures}echo-provisioner.mjs`, 'fail']))).rejects.toThrow(
      'failed to execute cmd provisioner cmd://node: exited with code 3: cannot reach the database API',
    );
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
