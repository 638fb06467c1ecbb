#!/usr/bin/env bash
# Run the Go end-to-end tests of test/cluster (starts its own clusters).
# Extra arguments go to `go test` (e.g. -run TestAnalysis).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../../test/cluster"
exec nice -n 10 go test -buildvcs=false -count=1 -timeout 20m "$@" ./...
