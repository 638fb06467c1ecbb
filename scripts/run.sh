#!/usr/bin/env bash
# Sets up and launches Fleet Rollouts on the bundled examples: for now the CI command line on examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
node scripts/build.mjs
echo
echo "fleet-rollouts lint examples/"
node dist/cli.js lint examples/ || true
