import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { acquireMachineLock } from './machine-lock.js';

const lockFile = (): string => join(mkdtempSync(join(tmpdir(), 'machine-lock-')), 'real-nodes.lock');
// A pid that is certainly gone: a child that has exited and been reaped.
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('acquireMachineLock', () => {
  it('takes a free lock, recording this process and its reaper', async () => {
    const file = lockFile();
    await acquireMachineLock(1_000, 4242, file);
    expect(readFileSync(file, 'utf8')).toBe(`${process.pid} 4242`);
  });

  it('takes over a lock whose owner and reaper are both gone', async () => {
    const file = lockFile();
    writeFileSync(file, `${deadPid()} ${deadPid()}`);
    await acquireMachineLock(1_000, 4242, file);
    expect(readFileSync(file, 'utf8')).toBe(`${process.pid} 4242`);
  });

  it('waits while the reaper of a dead owner still tears its cluster down, then times out naming it', async () => {
    const file = lockFile();
    writeFileSync(file, `${deadPid()} ${process.ppid}`);
    await expect(acquireMachineLock(300, 4242, file)).rejects.toThrow(
      `process ${process.ppid} runs a real-node cluster on this machine`,
    );
  });
});
