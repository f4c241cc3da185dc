#!/usr/bin/env bash
# Usage: serve.sh PORT
# Runs PouchDB Server in the foreground on 127.0.0.1:PORT with the in-memory
# adapter (no syncing to disk) and quiet logging. Stops on SIGTERM or SIGINT.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ] || [ "$1" -gt 65535 ]; then
  echo "usage: $0 PORT   (1..65535)" >&2
  exit 2
fi
port="$1"

bin="$here/node_modules/pouchdb-server/bin/pouchdb-server"
if [ ! -f "$bin" ]; then
  echo "serve.sh: PouchDB Server is not installed; run $here/setup.sh first" >&2
  exit 1
fi

# PouchDB Server writes config.json and log.txt; keep them in a scratch dir
# (removed on exit) instead of the repository. Log level "error" keeps the
# per-request log lines out of the way.
work="$(mktemp -d "${TMPDIR:-/tmp}/placer-pouchdb.XXXXXX")"
cat > "$work/config.json" <<JSON
{"log": {"file": "$work/log.txt", "level": "error"}}
JSON

child=""
cleanup() {
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  rm -rf "$work"
}
on_signal() {
  cleanup
  trap - EXIT
  exit 0
}
trap on_signal TERM INT
trap cleanup EXIT

cd "$work"
node "$bin" \
  --in-memory \
  --host 127.0.0.1 \
  --port "$port" \
  --dir "$work" \
  --config "$work/config.json" \
  --no-stdout-logs \
  --no-color &
child=$!
echo "serve.sh: pouchdb-server (in-memory) pid $child on http://127.0.0.1:$port/" >&2
set +e
wait "$child"
rc=$?
set -e
child=""
exit "$rc"
