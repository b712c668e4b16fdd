#!/usr/bin/env bash
# Copies the generated CRDs (crds/, from `npm run crds`) into the Helm chart and the kustomize base, which
# cannot reference files outside their own folders. test/e2e/deploy fails while the copies are stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for target in "$root/deploy/helm/score-orchestrator/files/crds" "$root/deploy/kustomize/base/crds"; do
  rm -f "$target"/*.yaml
  cp "$root"/crds/*.yaml "$target"/
done
echo "synced $(ls "$root"/crds/*.yaml | wc -l) CRDs into deploy/"
