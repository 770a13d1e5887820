#!/usr/bin/env bash
# The editor test drives Debian's Chromium (Playwright cannot download its own browser here).
# Only that test needs it: the demo and `npm start` never open a browser.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
[ -n "${CHROMIUM_PATH:-}" ] && exit 0
log="$(cd "$(dirname "$0")/../.." && pwd)/.n8n-e2e/install.log"
mkdir -p "$(dirname "$log")"
echo "[e2e] installing Chromium from Debian for the editor test (details in $log)" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
($sudo apt-get update -qq && $sudo apt-get install -y -qq chromium) >>"$log" 2>&1 || { tail -n 20 "$log" >&2; exit 1; }
