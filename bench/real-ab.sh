#!/usr/bin/env bash
# The 100-player LastToLive match on a private real Nakama (bench/match-ticks.ts), for a git revision
# and for the working tree, both at once: each with its own Nakama and clients, so that both share
# whatever the VM does meanwhile (its speed drifts by 20% within minutes and more with steal; two
# runs of the same code side by side differ by 1-3%, one after the other by up to 10%). Prints each
# round's match loop means (wall ms per tick, from the Go execution trace), their difference, and
# the CPU share the hypervisor stole meanwhile (/proc/stat steal).
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
# One run's match loop mean, in the background; its output in $2.
run() {
  # The harness part reads bundle/index.js, so build it first (the real part builds it again).
  (cd "$1" && node_modules/.bin/rollup -c --silent && NO_SCHED_TRACE=1 node tools/bench.js bench/match-ticks.ts br 60 $flag 2>&1 |
    sed -n 's/.*execution trace.*wall mean \([0-9.]*\) ms.*/\1/p' | tail -1 >"$2") &
}
for round in $(seq "$rounds"); do
  before=$(head -1 /proc/stat)
  run "$base" "$base.mean"
  run "$PWD" "$base.now"
  wait
  steal=$(printf '%s\n%s\n' "$before" "$(head -1 /proc/stat)" | awk '{ t = 0; for (i = 2; i <= 9; i++) t += $i; tot[NR] = t; st[NR] = $9 } END { printf "%.1f%%", 100 * (st[2] - st[1]) / (tot[2] - tot[1]) }')
  a=$(cat "$base.mean"); b=$(cat "$base.now")
  echo "round $round: $rev ${a:-?} ms, working tree ${b:-?} ms per tick ($(awk -v a="${a:-0}" -v b="${b:-0}" 'BEGIN { if (a > 0) printf "%+.1f%%", 100 * (b - a) / a; else print "?" }')), steal $steal"
done
