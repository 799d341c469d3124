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
trap 'tmux -L ff kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Milliseconds until the first frame of sensemap on $1 is on screen.
first_frame() {
  tmux -L ff kill-server 2>/dev/null || true
  local start end
  start=$(date +%s%N)
  tmux -L ff new-session -d -s s -x 120 -y 40 "$bin --data-dir $1"
  until tmux -L ff capture-pane -p -t s 2>/dev/null | grep -q "1:Body map"; do sleep 0.002; done
  end=$(date +%s%N)
  tmux -L ff kill-server 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

small="$work/small" large="$work/large"
"$bin" --data-dir "$small" generate --years 1 --per-day 3 2>/dev/null
"$bin" --data-dir "$large" generate --years 10 --per-day 30 2>/dev/null
cat "$small"/entries/*/*.ron "$large"/entries/*/*.ron >/dev/null # warm cache
first_frame "$small" >/dev/null; first_frame "$large" >/dev/null   # warm binary
small_ms=() large_ms=()
for _ in $(seq "$runs"); do
  small_ms+=("$(first_frame "$small")")
  large_ms+=("$(first_frame "$large")")
done
s=$(printf '%s\n' "${small_ms[@]}" | median)
l=$(printf '%s\n' "${large_ms[@]}" | median)
echo "a year at 3 a day:      median ${s} ms (runs: ${small_ms[*]})"
echo "ten years at 30 a day:  median ${l} ms (runs: ${large_ms[*]})"
awk -v s="$s" -v l="$l" 'BEGIN { printf "ratio: %.2f\n", l / s }'
