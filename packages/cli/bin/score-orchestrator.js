#!/usr/bin/env node
// score-orchestrator: the entry point. Reads the environment once, wires process streams and signals,
// and hands over to dist/cli.js. A first SIGINT/SIGTERM asks the running command to stop cleanly; a second
// one exits at once. Losing the parent process counts as SIGTERM: `npx score-orchestrator` runs this file
// under npm and a shell, and on SIGTERM npm passes the signal to that shell only, which exits and leaves
// this process to init (still holding the leader Lease) unless it notices.
import { clearInterval, setInterval, setTimeout } from 'node:timers';

import { readEnvironment, runCli } from '../dist/index.js';

const controller = new globalThis.AbortController();
let signalled = false;
const onSignal = (signal) => {
  if (signalled) process.exit(130);
  signalled = true;
  process.stderr.write(`\n${signal}: stopping (again to exit now)\n`);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
const parentPid = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid === parentPid) return;
  clearInterval(parentWatch);
  onSignal(`parent process ${parentPid} exited`);
}, 500);
parentWatch.unref();

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: readEnvironment(process.env),
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
// Libraries may leave handles open (keep-alive agents); the command is done.
setTimeout(() => process.exit(code), 200).unref();
