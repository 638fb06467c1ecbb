#!/usr/bin/env bash
# `npm run test:e2e`: the end-to-end suite (test/e2e/journeys) in a real VS Code. Sets up what it
# needs on a fresh machine of this project's kind — npm packages, Debian's Chromium and code-server
# 4.100.3 (scripts/e2e/setup-code-server.sh, cached under ~/.cache/fleet-rollouts), the sandbox
# clusters' program (cached build) — packages the VSIX, bundles the extension tests, starts the
# sandbox clusters and runs every journey against them with node:test.
# Screenshots and VS Code logs: out/e2e/<journey>/. Extra arguments go to `node --test` (e.g. one
# file: test/e2e/journeys/editing.test.mjs). FLEET_ROLLOUTS_E2E_PORT=N: code-server on N, N+1, …
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# Installs chromium, ripgrep and code-server's build packages with apt when missing; prints the folder.
bash scripts/e2e/setup-code-server.sh >/dev/null
npm run --silent package >/dev/null
node scripts/e2e/build-extension-tests.mjs
# Each journey empties only its own out/e2e/<journey>/ (others may be running theirs in this tree).
mkdir -p out/e2e

if [ $# -eq 0 ]; then set -- test/e2e/journeys/; fi
set +e
bash scripts/cluster/with-cluster.sh --seed demo -- node --test --test-concurrency=1 --test-reporter=spec "$@"
rc=$?
set -e
echo "e2e: exit $rc after $(( $(date +%s) - start ))s (screenshots and logs in out/e2e/)" >&2
exit $rc
