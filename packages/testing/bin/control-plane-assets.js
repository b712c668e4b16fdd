#!/usr/bin/env node
// Makes sure etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, kubelet and kube-proxy exist (building what is
// missing from the Go modules pinned under hack/) and prints where they are. Run by `npm run control-plane:assets`.
import { ensureControlPlaneAssets, readPinnedVersions } from '../dist/index.js';

try {
  const versions = await readPinnedVersions();
  console.log(`kubernetes ${versions.kubernetes}, etcd ${versions.etcd}, kwok ${versions.kwok}`);
  const started = Date.now();
  const binaries = await ensureControlPlaneAssets({ progress: (line) => console.log(line) });
  for (const binary of binaries) console.log(`${binary.name.padEnd(24)} ${binary.path} (${binary.source})`);
  console.log(`control-plane binaries ready in ${Math.round((Date.now() - started) / 1000)}s`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
