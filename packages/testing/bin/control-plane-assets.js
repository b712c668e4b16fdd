#!/usr/bin/env node
// Makes sure etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, kubelet and kube-proxy exist (building what is
// missing from the Go modules pinned under hack/) and prints where they are. Run by `npm run control-plane:assets`.
import {
  ensureControlPlaneAssets,
  ensureLocalImages,
  readPinnedVersions,
  realNodesUnavailable,
} from '../dist/index.js';

try {
  const versions = await readPinnedVersions();
  console.log(`kubernetes ${versions.kubernetes}, etcd ${versions.etcd}, kwok ${versions.kwok}`);
  const started = Date.now();
  const binaries = await ensureControlPlaneAssets({ progress: (line) => console.log(line) });
  for (const binary of binaries) console.log(`${binary.name.padEnd(24)} ${binary.path} (${binary.source})`);
  console.log(`control-plane binaries ready in ${Math.round((Date.now() - started) / 1000)}s`);
  // Real nodes need root and a few Debian packages; without them the images are not built, and the
  // real-node tests say why.
  const notReady = realNodesUnavailable();
  if (notReady !== undefined) {
    console.log(`real-node images not built: ${notReady}`);
  } else {
    const imagesStarted = Date.now();
    const images = await ensureLocalImages({ progress: (line) => console.log(line) });
    for (const image of images) console.log(`${image.name.padEnd(24)} ${image.archive} (${image.source})`);
    console.log(`real-node images ready in ${Math.round((Date.now() - imagesStarted) / 1000)}s`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
