#!/usr/bin/env bash
# Prepares a real VS Code for the browser (code-server 4.100.3 = VS Code 1.100.3, which runs on Node 20)
# and Debian's Chromium, without any download outside the package registries.
# The prepared folder is cached under ~/.cache/fleet-rollouts; a second run takes a second or two.
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${FLEET_ROLLOUTS_CACHE:-$HOME/.cache/fleet-rollouts}"
DEST="$CACHE/code-server-$VERSION"

need_apt=()
for bin in chromium rg; do command -v "$bin" >/dev/null 2>&1 || need_apt+=("$bin"); done
for pkg in libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config; do dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg"); done
if [ ${#need_apt[@]} -gt 0 ]; then
  pkgs=()
  for p in "${need_apt[@]}"; do case "$p" in rg) pkgs+=(ripgrep) ;; *) pkgs+=("$p") ;; esac; done
  echo "setup-code-server: installing ${pkgs[*]}" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi

if [ -f "$DEST/.ready" ]; then
  echo "$DEST"
  exit 0
fi

rm -rf "$DEST.tmp"
mkdir -p "$DEST.tmp"
cd "$DEST.tmp"
echo "setup-code-server: preparing code-server $VERSION in $DEST (a few minutes, once)" >&2
npm pack --silent "code-server@$VERSION" >/dev/null
tar xzf "code-server-$VERSION.tgz"
rm "code-server-$VERSION.tgz"
cd package
npm install --omit=dev --ignore-scripts --no-audit --no-fund --silent >/dev/null
cd lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --silent >/dev/null
# Its postinstall would download ripgrep; the Debian binary does the same job.
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild --silent >/dev/null 2>&1 || true
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --omit=dev --no-audit --no-fund --silent >/dev/null)
cd ../..
npm_config_yes=true npm rebuild argon2 --silent >/dev/null 2>&1 || true
cd "$CACHE"
rm -rf "$DEST"
mv "$DEST.tmp/package" "$DEST"
rm -rf "$DEST.tmp"
touch "$DEST/.ready"
echo "$DEST"
