#!/usr/bin/env bash
# The main job on a fresh machine: install dependencies, build, then run the golden path — a local
# cluster built from real Kubernetes binaries (pinned in hack/), the orchestrator with its built-in plugins,
# and examples/hello (a web Workload with a postgres database), shown converging to Ready.
# Pass `--exit-on-ready` to exit once it is Ready; otherwise it keeps running until Ctrl-C and prints the
# kubeconfig to explore it with kubectl. Pass `--real-nodes` for nodes where the containers really run
# (containerd and a kubelet, images built locally from Debian packages): it needs root on Debian or Ubuntu,
# installs the Debian packages it lacks, and costs more time (see README.md); kwok's fake nodes are the
# default.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " == *" --real-nodes "* ]]; then
  if [[ $(id -u) != 0 ]]; then
    echo "--real-nodes needs root (it runs containerd, a kubelet and kube-proxy on this machine)" >&2
    exit 1
  fi
  read -ra missing <<<"$(bash hack/real-node-packages.sh)"
  if ((${#missing[@]})); then
    command -v apt-get >/dev/null || {
      echo "--real-nodes needs these Debian packages: ${missing[*]}" >&2
      exit 1
    }
    echo "installing Debian packages for real nodes: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
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
