#!/usr/bin/env bash
# A bounded load test of `planlint serve` on loopback: a fixed number of checks of one example at
# 1, 8 and 64 concurrent clients (curl, in parallel with xargs), each level within a time limit.
# Prints requests per second, p50 and p99 latency, and how many were shed (503) or failed.
# It passes when every request is answered 200 or, beyond the bound on requests in progress,
# 503, and none fails otherwise. Usage: tests/load/ci.sh [REQUESTS_PER_LEVEL] [BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-240}
binary=${2:-target/debug/planlint}
[ -x "$binary" ] || cargo build --quiet
if ! command -v curl >/dev/null 2>&1 && [ "${CI:-}" = "true" ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = "0" ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl >/dev/null
fi
mkdir -p target/load
log=target/load/serve.log
"$binary" serve --port 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" || true)
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { echo "tests/load: the server did not start" >&2; exit 1; }
body=examples/project-violations.yaml
failed=0
printf '%-8s %8s %8s %9s %9s %6s %6s\n' clients requests 'req/s' 'p50 ms' 'p99 ms' shed failed
for clients in 1 8 64; do
  out=target/load/level-$clients.txt
  start=$(date +%s.%N)
  seq "$requests" | timeout 120 xargs -P "$clients" -I{} \
    curl -s -o /dev/null --max-time 60 -w '%{http_code} %{time_total}\n' \
      -H 'content-type: application/yaml' --data-binary @"$body" "$url/v1/check" >"$out" || true
  end=$(date +%s.%N)
  answered=$(wc -l <"$out")
  shed=$(awk '$1 == 503' "$out" | wc -l)
  bad=$(awk '$1 != 200 && $1 != 503' "$out" | wc -l)
  bad=$((bad + requests - answered))
  ok_times=$(awk '$1 == 200 { print $2 * 1000 }' "$out" | sort -n)
  count=$(printf '%s\n' "$ok_times" | grep -c . || true)
  p50=$(printf '%s\n' "$ok_times" | awk -v n="$count" 'NR == int((n + 1) * 0.50) { printf "%.1f", $1 }')
  p99=$(printf '%s\n' "$ok_times" | awk -v n="$count" 'NR == (int(n * 0.99) > 0 ? int(n * 0.99) : 1) { printf "%.1f", $1 }')
  rate=$(awk -v n="$answered" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')
  printf '%-8s %8s %8s %9s %9s %6s %6s\n' "$clients" "$requests" "$rate" "${p50:--}" "${p99:--}" "$shed" "$bad"
  failed=$((failed + bad))
done
if [ "$failed" -gt 0 ]; then
  echo "tests/load: $failed requests failed (neither 200 nor 503)" >&2
  exit 1
fi
