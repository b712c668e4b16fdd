#!/usr/bin/env bash
# The main job on a fresh machine: install dependencies, build, and start a local cluster
# (etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok nodes built from the
# Go modules pinned in hack/). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d node_modules ]] || npm ci --no-audit --no-fund || npm install --no-audit --no-fund
npm run build
npm run control-plane:assets
exec npm run dev
