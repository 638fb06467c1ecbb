#!/usr/bin/env bash
# Sets up everything the tests need on a fresh machine of this project's kind, then runs every test.
# Safe to re-run: installs are skipped when already done, and caches live under ~/.cache.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if [ ! -d ../shared ] && [ -z "${FLEET_ROLLOUTS_SHARED:-}" ]; then
  echo "error: ../shared (the reference corpus and CRDs) must sit beside this repository" >&2
  exit 2
fi

step "install npm dependencies"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "build (schemas, validators, bundles, docs/rules.md)"
node scripts/build.mjs

step "typecheck"
npx tsc -p tsconfig.json --noEmit

step "generated files are committed"
if ! git diff --quiet -- docs/rules.md README.md server/src/rules/index.ts 2>/dev/null; then
  echo "docs/rules.md, README.md or server/src/rules/index.ts changed when generated: commit the regenerated files" >&2
  git --no-pager diff --stat -- docs/rules.md README.md server/src/rules/index.ts >&2
  exit 1
fi

step "unit, CLI, LSP, corpus and robustness tests"
node --test --test-concurrency=2 out/test/

step "cluster tests: real kube-apiservers with the real Argo Rollouts controller (test/cluster)"
if ! command -v go >/dev/null 2>&1; then
  echo "error: Go is needed for the cluster tests (test/cluster)" >&2
  exit 2
fi
bash scripts/cluster/test.sh

step "cluster client tests: the extension's actions against the real Argo Rollouts controller (test/cluster-client)"
bash scripts/cluster/client-tests.sh

# End to end: scripts/e2e/run.sh installs Chromium and code-server itself (cached under ~/.cache/fleet-rollouts).
step "end-to-end suite: the packaged VSIX in a real VS Code (code-server + Chromium) against the sandbox clusters (test/e2e)"
bash scripts/e2e/run.sh
