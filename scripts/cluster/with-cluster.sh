#!/usr/bin/env bash
# Run a command against a freshly started fleetsim environment, then stop it.
#   scripts/cluster/with-cluster.sh [--seed demo] [--clusters N] -- CMD [ARGS...]
# The command sees KUBECONFIG, FLEETSIM_STATE (state.json), FLEETSIM_METRICS_URL
# and FLEETSIM_DIR. The exit code is the command's. Logs stay in
# $FLEETSIM_DIR/logs (a temporary directory unless FLEETSIM_DIR is set; it is
# removed after a successful command unless FLEETSIM_KEEP=1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do args+=("$1"); shift; done
if [[ $# -eq 0 ]]; then echo "usage: $0 [fleetsim run flags] -- CMD [ARGS...]" >&2; exit 2; fi
shift
bin="$("$here/build.sh")"
created=""
if [[ -n "${FLEETSIM_DIR:-}" ]]; then
  dir="$FLEETSIM_DIR"; mkdir -p "$dir"
else
  dir="$(mktemp -d "${TMPDIR:-/tmp}/fleetsim.XXXXXX")"; created=1
fi
out="$dir/run.out"
"$bin" run --dir "$dir" "${args[@]}" >"$out" 2>"$dir/run.err" &
pid=$!
cleanup() {
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM
for _ in $(seq 1 1200); do
  if grep -q '^READY ' "$out" 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "fleetsim failed to start:" >&2; cat "$dir/run.err" >&2; exit 1
  fi
  sleep 0.25
done
if ! grep -q '^READY ' "$out"; then echo "fleetsim: not ready after 5 minutes" >&2; cat "$dir/run.err" >&2; exit 1; fi
cat "$out" >&2
export KUBECONFIG="$dir/kubeconfig" FLEETSIM_STATE="$dir/state.json" FLEETSIM_DIR="$dir"
FLEETSIM_METRICS_URL="$(sed -n 's/.*"metricsURL": "\([^"]*\)".*/\1/p' "$dir/state.json")"
export FLEETSIM_METRICS_URL
set +e
"$@"
rc=$?
set -e
cleanup
trap - EXIT INT TERM
if [[ $rc -eq 0 && -n "$created" && -z "${FLEETSIM_KEEP:-}" ]]; then rm -rf "$dir"; fi
exit $rc
