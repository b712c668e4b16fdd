#!/usr/bin/env node
// Internal: started detached by a ControlPlane, not a user command.
//
// Usage: control-plane-reaper.js <owner-pid> <state-file>
//
// Watches the owner process. When the owner dies without stopping its control plane (SIGKILL, a crash, a
// jest worker torn down), it kills the process groups listed in the state file, SIGTERM then SIGKILL, and
// removes the listed folders. The owner rewrites the state file whenever it starts or stops a process, and
// kills the reaper with SIGTERM after a clean stop. After the processes it runs the listed commands (a real
// node's teardown script: mounts, network namespaces, cgroups, bridges, nftables), then removes the folders.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { setInterval, clearInterval } from 'node:timers';

const [ownerArg, stateFile] = process.argv.slice(2);
const owner = Number(ownerArg);
const pollMs = 200;
const graceMs = 3000;

let state = { pids: [], dirs: [], commands: [] };

function readState() {
  try {
    state = JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    // Keep the last state we read: the owner may have removed the file while stopping.
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

function signalGroups(signal) {
  for (const pid of state.pids) {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function reap() {
  // The owner may have recorded more in its last moments than the previous poll saw.
  readState();
  signalGroups('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && state.pids.some(alive)) await sleep(50);
  signalGroups('SIGKILL');
  for (const [command, ...args] of state.commands ?? []) {
    spawnSync(command, args, { stdio: 'ignore', timeout: 60_000 });
  }
  for (const dir of state.dirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Nothing else to try; the folder is under the system's temporary folder.
    }
  }
  process.exit(0);
}

// The reaper must not die with the owner's terminal or process group.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});

readState();
const timer = setInterval(() => {
  if (alive(owner)) {
    readState();
    return;
  }
  clearInterval(timer);
  void reap();
}, pollMs);
