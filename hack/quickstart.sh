#!/usr/bin/env bash
# The main job on a fresh machine: install dependencies, build, then run the golden path — a local
# cluster built from real Kubernetes binaries (pinned in hack/), the orchestrator with its built-in plugins,
# and examples/hello (a web Workload with a postgres database), shown converging to Ready.
# Pass `--exit-on-ready` to exit once it is Ready; otherwise it keeps running until Ctrl-C and prints the
# kubeconfig to explore it with kubectl.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d node_modules ]] || npm ci --no-audit --no-fund || npm install --no-audit --no-fund
npm run build
exec node packages/cli/bin/score-orchestrator.js dev examples/hello "$@"
