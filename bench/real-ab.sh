#!/usr/bin/env bash
# The 100-player LastToLive match on a private real Nakama (bench/match-ticks.ts), for a git revision
# and for the working tree, alternated round by round: on a VM whose speed drifts by 20% within
# minutes, only runs side by side compare. Prints each run's match loop mean (wall ms per tick, from
# the Go execution trace) and the CPU share the hypervisor stole meanwhile (/proc/stat steal).
# Usage (from the repository root): bench/real-ab.sh <revision> [rounds (3)] [--wander | --crowd]
set -euo pipefail
rev=$1
rounds=${2:-3}
flag=${3:-}
base=$(mktemp -d)/base
git worktree add --quiet --detach "$base" "$rev"
trap 'git worktree remove --force "$base"' EXIT
ln -s "$PWD/node_modules" "$base/node_modules"
ln -s "$PWD/.tools" "$base/.tools"
for round in $(seq "$rounds"); do
  # Which goes first alternates (ABBA...): a run can leave the VM slower or faster for the next one.
  order=("$base" "$PWD")
  [ $((round % 2)) -eq 0 ] && order=("$PWD" "$base")
  for dir in "${order[@]}"; do
    name=$([ "$dir" = "$PWD" ] && echo "working tree" || echo "$rev")
    # The harness part reads bundle/index.js, so build it first (the real part builds it again).
    (cd "$dir" && node_modules/.bin/rollup -c --silent)
    before=$(head -1 /proc/stat)
    mean=$(cd "$dir" && node tools/bench.js bench/match-ticks.ts br 60 $flag 2>&1 | sed -n 's/.*execution trace.*wall mean \([0-9.]*\) ms.*/\1/p' | tail -1)
    steal=$(printf '%s\n%s\n' "$before" "$(head -1 /proc/stat)" | awk '{ t = 0; for (i = 2; i <= 9; i++) t += $i; tot[NR] = t; st[NR] = $9 } END { printf "%.1f%%", 100 * (st[2] - st[1]) / (tot[2] - tot[1]) }')
    echo "round $round, $name: match loop mean ${mean:-?} ms per tick (steal $steal)"
  done
done
