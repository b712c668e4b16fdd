#!/usr/bin/env node
// score-control-plane (also `npx @score-orchestrator/testing <command>`), from any directory:
//   assets   find or build the control-plane binaries (cached per machine) and print where they are
//   cluster  start a local cluster until Ctrl-C (the default; see `cluster --help`)
const usage = `usage: score-control-plane [assets [--real-nodes] | cluster [options]]

  assets   find etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (TEST_ASSET_*,
           KUBEBUILDER_ASSETS, the cache) or build the missing ones from the Go modules pinned in this
           package (needs Go; minutes, once per machine); --real-nodes adds kubelet, kube-proxy and the
           real-node images
  cluster  start a local cluster (etcd, kube-apiserver, controller-manager, scheduler, kwok nodes) until
           Ctrl-C; \`cluster --help\` lists its options (default command)`;

const [command, ...rest] = process.argv.slice(2);
const help = command === '-h' || command === '--help' || command === 'help';

if (command === 'assets' && rest.includes('--real-nodes')) {
  await import('./control-plane-assets.js');
} else if (command === 'assets') {
  const { ensureControlPlaneAssets } = await import('../dist/index.js');
  try {
    const started = Date.now();
    const binaries = await ensureControlPlaneAssets({
      binaries: ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'],
      progress: (line) => console.log(line),
    });
    for (const binary of binaries) console.log(`${binary.name.padEnd(24)} ${binary.path} (${binary.source})`);
    console.log(`control-plane binaries ready in ${Math.round((Date.now() - started) / 1000)}s`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
} else if (command === 'cluster' || command === undefined || (command.startsWith('-') && !help)) {
  if (command === 'cluster') process.argv.splice(2, 1);
  await import('./local-cluster.js');
} else {
  console.log(usage);
  process.exitCode = help ? 0 : 2;
}
