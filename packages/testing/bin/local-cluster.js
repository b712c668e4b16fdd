#!/usr/bin/env node
// Starts a LocalCluster (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok with fake
// nodes) for development, writes its admin kubeconfig to a path it prints, and runs until Ctrl-C, then
// stops everything cleanly. Run by `npm run dev`. Missing binaries are built first (minutes, once).
import { chmod, copyFile, mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setInterval, clearInterval } from 'node:timers';

import { LocalCluster, ensureControlPlaneAssets } from '../dist/index.js';

const usage = `usage: local-cluster [--kubeconfig <path>] [--nodes <n>] [--crds <file-or-folder>]...

  --kubeconfig  where to write the admin kubeconfig
                (default: \${XDG_CACHE_HOME:-~/.cache}/score-orchestrator/local-cluster/kubeconfig)
  --nodes       how many kwok-played nodes to create (default: 1)
  --crds        CRD files or folders to install (repeatable)`;

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    nodes: { type: 'string', default: '1' },
    crds: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
const kubeconfigPath = resolve(
  values.kubeconfig ?? join(cacheHome, 'score-orchestrator', 'local-cluster', 'kubeconfig'),
);

try {
  await ensureControlPlaneAssets({ progress: (line) => console.log(line) });
  const started = Date.now();
  const cluster = await LocalCluster.start({
    nodes: Number(values.nodes),
    crds: values.crds,
    useExistingCluster: false,
  });
  await mkdir(dirname(kubeconfigPath), { recursive: true });
  await copyFile(cluster.kubeconfigPath, kubeconfigPath);
  await chmod(kubeconfigPath, 0o600);

  console.log(`local cluster ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`  server:     ${cluster.server}`);
  console.log(`  nodes:      ${cluster.nodeNames.join(', ')}`);
  console.log(`  kubeconfig: ${kubeconfigPath}`);
  console.log(`\n  export KUBECONFIG=${kubeconfigPath}\n`);
  console.log('press Ctrl-C to stop');

  // The cluster's processes do not hold node's event loop open; this does, until a signal arrives.
  const keepAlive = setInterval(() => {}, 1 << 30);
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) {
      console.log(`${signal} again: exiting now; the reaper cleans up`);
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the local cluster`);
    await cluster.stop();
    await rm(kubeconfigPath, { force: true });
    clearInterval(keepAlive);
    console.log('stopped');
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
