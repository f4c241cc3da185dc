#!/usr/bin/env bash
# Installs PouchDB Server (pinned in package-lock.json) into ./node_modules.
# Idempotent: does nothing when node_modules already matches the lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v npm >/dev/null 2>&1; then
  echo "setup.sh: npm not found; install Node.js >= 20 with npm (e.g. apt-get install nodejs npm)" >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1; then
  echo "setup.sh: node not found; install Node.js >= 20" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "setup.sh: Node.js >= 20 required (found $(node --version))" >&2
  exit 1
fi

# Stamp = hash of what we install from; skip the install when it is unchanged.
stamp_file=node_modules/.placer-setup-stamp
if [ -f package-lock.json ]; then
  stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
else
  stamp=""
fi
if [ -n "$stamp" ] && [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] \
   && [ -f node_modules/pouchdb-server/package.json ]; then
  exit 0
fi

# --ignore-scripts: the only install scripts in the tree are leveldown's (which
# ships its prebuilt binaries inside the npm tarball and finds them at run time)
# and sqlite3's (which would try to download a prebuilt binary, then compile).
# Neither is used by the in-memory adapter that serve.sh runs, so no download
# and no compile is needed; only the npm registry is contacted.
npm_flags=(--no-audit --no-fund --ignore-scripts --loglevel=error)
if [ -f package-lock.json ]; then
  npm ci "${npm_flags[@]}" >/dev/null
  stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
else
  npm install "${npm_flags[@]}" >/dev/null
  stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
fi

if [ ! -f node_modules/pouchdb-server/package.json ]; then
  echo "setup.sh: npm finished but node_modules/pouchdb-server is missing" >&2
  exit 1
fi
printf '%s\n' "$stamp" > "$stamp_file"
