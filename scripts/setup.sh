#!/usr/bin/env bash
# The README's set-up command: system packages used as test oracles, for the browser tests and (redis-server) the queue tests,
# then the npm workspace. Nothing is downloaded from outside Debian's archive and the npm registry:
# onnxruntime-node's CUDA download is skipped (ONNXRUNTIME_NODE_INSTALL=skip below); GPU users see the README.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for pkg in python3-onnx python3-scipy python3-sklearn python3-torch chromium redis-server; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# onnxruntime-node's postinstall would fetch CUDA binaries from outside the npm registry: skip it.
export ONNXRUNTIME_NODE_INSTALL=skip
npm ci --no-audit --no-fund
