#!/usr/bin/env bash
# Sandbox: build fleetsim (cached), start three real clusters (edge-eu-1,
# edge-us-1, hub) with the real Argo Rollouts controller and the demo seed,
# print the kubeconfig path and stay until Ctrl-C.
#   FLEETSIM_DIR=dir        state directory (default ~/.cache/fleet-rollouts/sandbox)
#   FLEETSIM_CLUSTERS=N     Fleet Cluster objects on the hub (default 5, up to 500)
# Extra arguments go to `fleetsim run` (e.g. --pod-ready-delay 3s).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$("$here/build.sh")"
dir="${FLEETSIM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fleet-rollouts/sandbox}"
mkdir -p "$dir"
echo "fleetsim: starting the sandbox in $dir (Ctrl-C stops it)" >&2
exec "$bin" run --dir "$dir" --seed demo --clusters "${FLEETSIM_CLUSTERS:-5}" "$@"
