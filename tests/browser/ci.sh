#!/usr/bin/env bash
# The officer's page in headless Chromium: starts `planlint serve` on a free loopback port, checks
# an example through the page, and keeps a screenshot in target/browser/. Installs Chromium
# (Debian's package) with the machine's package manager when CI runs and it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ] && command -v apt-get >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" = "0" ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei >/dev/null
  else
    echo "tests/browser: chromium is not installed (CI=true installs it with apt-get)" >&2
    exit 1
  fi
fi
cargo build --quiet
mkdir -p target/browser
log=target/browser/serve.log
target/debug/planlint serve --port 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" || true)
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { echo "tests/browser: the server did not start" >&2; cat "$log" >&2; exit 1; }
node --no-warnings --experimental-websocket tests/browser/drive.js "$url/" examples/project-violations.yaml target/browser/project-violations.png 11 10
echo "tests/browser: the page shows the findings; screenshot in target/browser/project-violations.png"
