#!/usr/bin/env bash
# The main job on a fresh machine: install dependencies, build, then run the golden path — a local
# cluster built from real Kubernetes binaries (pinned in hack/), the orchestrator with its built-in plugins,
# and examples/hello (a web Workload with a postgres database), shown converging to Ready.
# Pass `--exit-on-ready` to exit once it is Ready; otherwise it keeps running until Ctrl-C and prints the
# kubeconfig to explore it with kubectl.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d node_modules ]]; then
  # npm's own error wall goes to a log file; should npm refuse the lockfile, install the locked versions.
  npm_log=$(mktemp)
  echo "npm ci (log: $npm_log)"
  npm ci --no-audit --no-fund >"$npm_log" 2>&1 || {
    echo "npm ci refused the lockfile: $(grep -m1 -E 'npm (error|ERR!)' "$npm_log" | cut -c1-160); running npm install"
    npm install --no-audit --no-fund --loglevel=error
  }
fi
npm run build
exec node packages/cli/bin/score-orchestrator.js dev examples/hello "$@"
