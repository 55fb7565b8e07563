#!/usr/bin/env bash
# A fuzz campaign: builds the targets (nightly, no sanitizer, debug assertions and overflow checks
# on), seeds each from the project's own files, runs each for SECONDS (default 60), and prints per
# target the executions, the coverage reached and the findings (crash, timeout or out-of-memory
# inputs, which libFuzzer writes to artifacts/TARGET/).
#
#   fuzz/run.sh [SECONDS] [TARGET…]      e.g. fuzz/run.sh 600 submission
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(submission rules)
fi

cargo +nightly fuzz build -s none --debug-assertions

# Seeds: every example and fixture submission, each once as YAML (selector byte 0x01) and, for
# JSON files, as JSON (0x00); every rules file of the repository as it is.
mkdir -p seeds/submission seeds/rules corpus/submission corpus/rules
i=0
for f in ../examples/*.yaml ../tests/fixtures/submissions/*/*.yaml ../tests/fixtures/check/*.yaml \
         ../rules/jingzhou-2024/tests/*.yaml; do
  { printf '\001'; cat "$f"; } > "seeds/submission/y$i"; i=$((i + 1))
done
for f in ../tests/fixtures/submissions/*/*.json; do
  { printf '\000'; cat "$f"; } > "seeds/submission/j$i"; i=$((i + 1))
done
i=0
for f in ../rules/jingzhou-2024/*.rules ../tests/fixtures/rules/*/*.rules; do
  cp "$f" "seeds/rules/r$i"; i=$((i + 1))
done

for target in "${targets[@]}"; do
  log="$(mktemp)"
  dict=()
  [ -f "dict/$target.dict" ] && dict=("-dict=dict/$target.dict")
  cargo +nightly fuzz run -s none --debug-assertions "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 -print_final_stats=1 "${dict[@]}" \
    >"$log" 2>&1 || true
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  findings=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
  echo "$target: ${seconds} s, ${executions} executions, coverage ${coverage} edges, ${findings} findings"
  if [ "$findings" -gt 0 ]; then
    find "artifacts/$target" -type f
  fi
  rm -f "$log"
done
