#!/usr/bin/env bash
# Whole-process first frame: time from starting `sensemap` in a terminal
# until its first frame is on screen, polled through tmux. Runs the two
# histories in turn (a year at 3 entries a day, ten years at 30 a day), so
# that drift in the machine's speed hits both alike, and prints the median
# of RUNS runs of each.
#
#   cargo build --release && benches/first_frame.sh [RUNS]
#
# Needs tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
bin=target/release/sensemap
work=$(mktemp -d)
trap 'tmux -L sensemap-bench kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

source benches/timing.sh

small="$work/small" large="$work/large"
"$bin" --data-dir "$small" generate --years 1 --per-day 3 2>/dev/null
"$bin" --data-dir "$large" generate --years 10 --per-day 30 2>/dev/null
cat "$small"/entries/*/*.ron "$large"/entries/*/*.ron >/dev/null # warm cache
first_frame "$small" 120 40 >/dev/null; first_frame "$large" 120 40 >/dev/null   # warm binary
small_ms=() large_ms=()
for _ in $(seq "$runs"); do
  small_ms+=("$(first_frame "$small" 120 40)")
  large_ms+=("$(first_frame "$large" 120 40)")
done
s=$(printf '%s\n' "${small_ms[@]}" | median)
l=$(printf '%s\n' "${large_ms[@]}" | median)
echo "a year at 3 a day:      median ${s} ms (runs: ${small_ms[*]})"
echo "ten years at 30 a day:  median ${l} ms (runs: ${large_ms[*]})"
awk -v s="$s" -v l="$l" 'BEGIN { printf "ratio: %.2f\n", l / s }'
