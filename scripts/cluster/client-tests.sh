#!/usr/bin/env bash
# The client half of `npm run test:cluster`: the TypeScript tests of test/cluster-client/ (the
# extension's actions and cluster code) against a fresh fleetsim environment — real kube-apiservers
# with the real Argo Rollouts controller, demo seed. Builds the bundles first (without schemas).
# Extra arguments go to `node --test` (e.g. a single file: out/cluster-test/canary.test.js).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
node scripts/build.mjs --no-schemas
if [[ $# -eq 0 ]]; then set -- out/cluster-test/; fi
start=$(date +%s)
set +e
bash scripts/cluster/with-cluster.sh --seed demo -- node --test --test-concurrency=1 "$@"
rc=$?
set -e
echo "cluster client tests: exit $rc after $(( $(date +%s) - start ))s (including the environment's startup)" >&2
exit $rc
