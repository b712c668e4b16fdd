// `score-orchestrator run --leader-elect` stops cleanly and releases its Lease when told to: by SIGTERM, and
// when the process that started it goes away (npx's shell dies on SIGTERM and leaves it to init).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api } from '@kubernetes/client-node';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { holderPid, isAlive, leaseHolder } from './orchestrator-process.js';
import { buildCli, repoRoot } from './run-cli.js';

const bin = join(repoRoot, 'packages/cli/bin/score-orchestrator.js');
let cp: ControlPlane;
let dir: string;

beforeAll(async () => {
  await buildCli();
  cp = await ControlPlane.start({ crds: join(repoRoot, 'crds') });
  dir = await mkdtemp(join(tmpdir(), 'run-signals-'));
  await writeFile(join(dir, 'platform.yaml'), 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n');
});
afterAll(async () => {
  await cp?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const runArgs = (namespace: string) =>
  `run --config platform.yaml --kubeconfig ${cp.kubeconfigPath} --probe-port 0 --leader-elect ` +
  `--leader-election-namespace ${namespace} --log-level info`;

async function createNamespace(name: string): Promise<void> {
  await cp.kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
}

/** Waits until the orchestrator in `child` (or under it) leads, and returns the pid written in the Lease. */
async function leaderPid(child: ChildProcess, namespace: string, output: () => string): Promise<number> {
  const holder = await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`run exited early:\n${output()}`);
      return (await leaseHolder(cp.kubeConfig, namespace)) || undefined;
    },
    'the Lease taken',
    { timeoutMs: 60_000 },
  );
  return holderPid(holder);
}

function start(command: string, args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

describe('score-orchestrator run and signals', () => {
  it('stops on SIGTERM and releases the Lease', async () => {
    await createNamespace('signals-direct');
    const { child, output } = start(process.execPath, [bin, ...runArgs('signals-direct').split(' ')]);
    try {
      expect(await leaderPid(child, 'signals-direct', output)).toBe(child.pid);
      const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await leaseHolder(cp.kubeConfig, 'signals-direct')).toBe('');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('stops and releases the Lease when the shell that started it dies (npx on SIGTERM)', async () => {
    await createNamespace('signals-orphan');
    // `; exit` keeps the shell from exec-ing node, as npm's `sh -c` does; SIGTERM then kills the shell only.
    const { child: shell, output } = start('sh', [
      '-c',
      `"${process.execPath}" ${bin} ${runArgs('signals-orphan')}; exit $?`,
    ]);
    let pid = 0;
    try {
      pid = await leaderPid(shell, 'signals-orphan', output);
      expect(pid).not.toBe(shell.pid);
      shell.kill('SIGTERM');
      await eventually(async () => !isAlive(pid), 'the orphaned orchestrator gone', { timeoutMs: 30_000 });
      expect(await leaseHolder(cp.kubeConfig, 'signals-orphan')).toBe('');
      expect(output()).toContain('exited: stopping');
    } finally {
      shell.kill('SIGKILL');
      if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
