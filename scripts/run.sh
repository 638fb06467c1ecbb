#!/usr/bin/env bash
# Sets up and launches Fleet Rollouts: the extension in a browser VS Code on examples/, against the
# sandbox clusters. `--cli` only runs the command-line checks on examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
node scripts/build.mjs
echo
echo "fleet-rollouts lint examples/"
node dist/cli.js lint examples/ || true
if [ "${1:-}" = "--cli" ]; then exit 0; fi
exec node scripts/start.mjs
