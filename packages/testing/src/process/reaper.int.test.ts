import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

import { describe, expect, it, jest } from '@jest/globals';

import { isProcessAlive } from './process-liveness.js';

// The project's testTimeout does not reach tests in this jest version; set it where it is needed.
jest.setTimeout(120_000);

// The owner script imports the built package (dist), which `npm test` builds before jest runs.
const ownerScript = fileURLToPath(new URL('./fixtures/control-plane-owner.mjs', import.meta.url));

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe('the control-plane reaper', () => {
  it('kills the processes and removes the folder when the owner is SIGKILLed', async () => {
    const owner = spawn(process.execPath, [ownerScript], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    owner.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => owner.once('exit', resolve));
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: owner.stdout }).once('line', resolve);
      owner.once('exit', (code) => reject(new Error(`owner exited with ${code} before starting: ${stderr}`)));
    });
    const { pids, dir } = JSON.parse(firstLine) as { pids: number[]; dir: string };
    expect(pids).toHaveLength(2);
    expect(pids.every(isProcessAlive)).toBe(true);
    expect(existsSync(dir)).toBe(true);

    owner.kill('SIGKILL');
    await exited;

    // The reaper notices within 0.2 s and gives the processes 3 s to stop before killing them; a loaded
    // machine takes longer for all of it, so the waits are generous (they end as soon as it is done).
    expect(await eventually(() => !pids.some(isProcessAlive), 30_000)).toBe(true);
    expect(await eventually(() => !existsSync(dir), 30_000)).toBe(true);
  });
});
