#!/usr/bin/env bash
# Whole-process first frame: time from starting `sensemap` in a terminal
# until its first frame is on screen, polled through tmux; the median of
# RUNS runs, for a year at 3 entries a day and ten years at 30 a day.
#
#   cargo build --release && benches/first_frame.sh [RUNS]
#
# Needs tmux. Prints one line per history: entries, median ms, all runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
bin=target/release/sensemap
work=$(mktemp -d)
trap 'tmux -L ff kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for spec in "1 3" "10 30"; do
  set -- $spec
  data="$work/y$1-d$2"
  "$bin" --data-dir "$data" generate --years "$1" --per-day "$2" 2>/dev/null
  entries=$("$bin" --data-dir "$data" list --format json | grep -c '"id"')
  cat "$data"/entries/*/*.ron >/dev/null # warm cache
  times=()
  for _ in $(seq "$runs"); do
    tmux -L ff kill-server 2>/dev/null || true
    start=$(date +%s%N)
    tmux -L ff new-session -d -s s -x 120 -y 40 "$bin --data-dir $data"
    until tmux -L ff capture-pane -p -t s 2>/dev/null | grep -q "1:Body map"; do sleep 0.002; done
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    tmux -L ff kill-server 2>/dev/null || true
  done
  printf '%s years x %s/day: %s entries, first frame median %s ms (runs: %s)\n' \
    "$1" "$2" "$entries" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
done
