#!/usr/bin/env bash
# Build test/cluster's fleetsim binary (real kube-apiserver + Argo Rollouts).
# Cached: skipped when the binary is newer than every .go file, go.mod and
# go.sum; Go's build and module caches stay in their default places under ~
# (GOCACHE ~/.cache/go-build, GOMODCACHE ~/go/pkg/mod) so later builds reuse
# them. Prints the binary's path on stdout; progress goes to stderr.
#   FLEETSIM_BIN=path       where to put the binary (default test/cluster/bin/fleetsim)
#   FLEETSIM_FORCE_BUILD=1  rebuild even if up to date
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(cd "$here/../../test/cluster" && pwd)"
bin="${FLEETSIM_BIN:-$src/bin/fleetsim}"

if [[ -x "$bin" && -z "${FLEETSIM_FORCE_BUILD:-}" ]]; then
  newer="$(find "$src" -path "$src/bin" -prune -o \( -name '*.go' -o -name go.mod -o -name go.sum \) -newer "$bin" -print -quit)"
  if [[ -z "$newer" ]]; then
    echo "fleetsim: up to date ($bin)" >&2
    echo "$bin"
    exit 0
  fi
fi

if ! command -v go >/dev/null 2>&1; then
  echo "fleetsim: 'go' not found on PATH (Go >= 1.26.1 is needed)" >&2
  exit 1
fi
mkdir -p "$(dirname "$bin")"
echo "fleetsim: building $bin (a cold build compiles k8s.io/kubernetes and takes several minutes)..." >&2
start=$(date +%s)
cd "$src"
# -buildvcs=false: the repository may have no commits; -s -w: smaller binary, faster link.
nice -n 10 go build -buildvcs=false -ldflags="-s -w" -o "$bin.tmp.$$" ./cmd/fleetsim
mv -f "$bin.tmp.$$" "$bin"
echo "fleetsim: built in $(( $(date +%s) - start ))s" >&2
echo "$bin"
