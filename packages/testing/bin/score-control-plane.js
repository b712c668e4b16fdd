#!/usr/bin/env node
// score-control-plane (also `npx @score-orchestrator/testing <command>`), from any directory:
//   assets   find or build the pinned control-plane binaries (cached per machine) and print where they are
//   cluster  start a local cluster until Ctrl-C (the default; see `cluster --help`)
const usage = `usage: score-control-plane [assets | cluster [options]]

  assets   find the control-plane binaries (TEST_ASSET_*, KUBEBUILDER_ASSETS, the cache) or build the
           missing ones from the Go modules pinned in this package (needs Go; minutes, once per machine)
  cluster  start a local cluster (etcd, kube-apiserver, controller-manager, scheduler, kwok nodes) until
           Ctrl-C; \`cluster --help\` lists its options (default command)`;

const [command, ...rest] = process.argv.slice(2);
const run = async (script) => {
  process.argv.splice(2, process.argv.length - 2, ...rest);
  await import(script);
};
if (command === 'assets') await run('./control-plane-assets.js');
else if (command === 'cluster') await run('./local-cluster.js');
else if (command === undefined || (command.startsWith('-') && command !== '-h' && command !== '--help'))
  await import('./local-cluster.js');
else {
  console.log(usage);
  process.exitCode = command === '-h' || command === '--help' || command === 'help' ? 0 : 2;
}
