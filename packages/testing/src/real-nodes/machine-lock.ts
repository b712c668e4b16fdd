import { readFile, rm, writeFile } from 'node:fs/promises';

import { TestingError } from '../errors/testing.error.js';
import { isProcessAlive } from '../process/process-liveness.js';

/**
 * The file that lets one real-node cluster run on a machine at a time: kube-proxy's nftables tables and
 * the kubelet's iptables chains have fixed names. It holds the pids of the owner and of its reaper (which
 * tears the cluster down when the owner dies); when both are gone the lock is taken over.
 */
export const machineLockFile = '/run/score-orchestrator-real-nodes.lock';

/**
 * Takes the machine's real-node lock, waiting while another live process holds it.
 *
 * @throws TestingError `Timeout` naming the holder when it is still held after `timeoutMs`.
 */
export async function acquireMachineLock(
  timeoutMs: number,
  reaperPid: number,
  file = machineLockFile,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await writeFile(file, `${process.pid} ${reaperPid}`, { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holders = await lockHolders(file);
    const holder = holders.find(isProcessAlive);
    if (holder === undefined) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new TestingError(
        'Timeout',
        `failed to start real nodes: process ${holder} runs a real-node cluster on this machine ` +
          `(${file}); one runs at a time`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function lockHolders(file: string): Promise<number[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split(/\s+/)
    .map(Number)
    .filter((pid) => pid > 0);
}
