#!/usr/bin/env bash
# Instructions the match's JavaScript executes per tick in goja, counted by valgrind (callgrind): the
# same figure on every run, whatever else the machine is doing, unlike timings on this VM (which drift
# by 20% within minutes). For comparing two versions of the code; a tick's time is roughly
# proportional. Counts only inside the match handlers (runHandler), with Go's GC off (its work depends
# on timing) and async preemption off (its signals upset callgrind).
# Usage (from the repository root): bench/goja/count.sh <tick script> [bundle ...]
#   tick script: from `npm run bench -- bench/match-ticks.ts br 20 --harness-only [--wander|--crowd]`
#   (.run/goja-ticks-br.json); bundles default to bundle/index.js. Several bundles run in parallel.
set -euo pipefail
script=$(realpath "$1"); shift
bundles=("${@:-bundle/index.js}")
command -v valgrind >/dev/null || { echo "count.sh needs valgrind (Debian: apt-get install valgrind)" >&2; exit 1; }
binary=$(mktemp -d)/gojabench
(cd bench/goja && go build -o "$binary" .)
for bundle in "${bundles[@]}"; do
  path=$(realpath "$bundle")
  (
    out=$(mktemp)
    ticks=$(node -e "console.log(require('$script').end_tick + 1)")
    (cd bench/goja && GOGC=off GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 ONCE=1 \
      valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect=main.runHandler \
      "$binary" ticks "$script" "$path" >"$out" 2>&1)
    grep -q Collected "$out" || { cat "$out" >&2; exit 1; }
    awk -v b="$bundle" -v t="$ticks" '/Collected/ { printf "%s: %.2f M instructions per tick (%d ticks)\n", b, $4 / t / 1e6, t }' "$out"
    rm -f "$out"
  ) &
done
wait
