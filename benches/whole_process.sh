#!/usr/bin/env bash
# Whole-process figures: generates histories of about 1k, 10k and 100k
# entries (and 1M with --million), then times the commands people run on
# them with hyperfine (median of RUNS runs, warm file cache) and measures
# their peak memory with /usr/bin/time (median of 5), and prints a Markdown
# table. With --jrnl, and jrnl installed (`pipx install jrnl`, or
# `pip install jrnl`), jrnl reads and adds one entry on the same 100k
# entries, side by side; its add takes minutes on 100k, so it is opt-in.
#
#   benches/whole_process.sh [--million] [--jrnl]      (RUNS=7 by default)
#
# Needs hyperfine (Debian: apt-get install hyperfine), GNU time and tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/timing.sh
runs=${RUNS:-7}
million=false jrnl=false
for arg in "$@"; do
  case "$arg" in
    --million) million=true ;;
    --jrnl) jrnl=true ;;
    *) echo "unknown option $arg (--million, --jrnl)" >&2; exit 2 ;;
  esac
done
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install hyperfine" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
command -v tmux >/dev/null || { echo "needs tmux: apt-get install tmux" >&2; exit 1; }
trap 'tmux -L "$bench_tmux" kill-server 2>/dev/null || true' EXIT
cargo build --release --locked -q
bin=$PWD/target/release/sensemap
work=${SENSEMAP_PERF_DIR:-$PWD/target/perf}
mkdir -p "$work"

# A history in $work/NAME made by `generate` with YEARS and PER-DAY, kept
# between runs.
history() {
  local dir="$work/$1"
  [ -d "$dir/entries" ] || "$bin" --data-dir "$dir" generate --years "$2" --per-day "$3" >/dev/null 2>&1
  cat "$dir"/entries/*/*.ron >/dev/null
  echo "$dir"
}


# Median milliseconds of a command over $runs runs, with command $2 run
# before each when given.
ms() {
  local json prepare=()
  [ -n "${2:-}" ] && prepare=(--prepare "$2")
  json=$(mktemp)
  hyperfine -N --warmup $((runs > 1 ? 2 : 0)) --runs "$runs" "${prepare[@]}" --export-json "$json" "$1" >/dev/null 2>&1
  python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000, 1))" "$json"
  rm -f "$json"
}

# Median peak resident memory in MB of a command over 5 runs (1 when
# $runs is 1).
mb() {
  for _ in $(seq $((runs > 1 ? 5 : 1))); do
    /usr/bin/time -f %M sh -c "$1 >/dev/null 2>&1" 2>&1 | tail -n1
  done | median | awk '{printf "%.0f", $1/1024}'
}

# A table row: what ($1), on which history ($2), command $3, with command
# $4 run before each timed run when given.
row() { printf '| %s | %s | %s ms | %s MB |\n' "$1" "$2" "$(ms "$3" "${4:-}")" "$(mb "$3")"; }

# Peak resident memory in MB of the app on $1 once it has loaded every
# month: it is done when its CPU time stops growing.
app_memory() {
  tmux -L "$bench_tmux" kill-server 2>/dev/null || true
  tmux -L "$bench_tmux" new-session -d -s s -x 200 -y 60 "$bin --data-dir $1"
  local pid="" last=-1 now same=0
  until [ -n "$pid" ]; do sleep 0.05; pid=$(pgrep -n -x sensemap || true); done
  while [ "$same" -lt 5 ]; do
    sleep 0.2
    now=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    if [ "$now" = "$last" ]; then same=$((same + 1)); else same=0; fi
    last=$now
  done
  awk '/VmHWM/ {printf "%.0f\n", $2 / 1024}' "/proc/$pid/status"
  tmux -L "$bench_tmux" kill-server 2>/dev/null || true
}

# The app's first frame (median of $runs) and its peak memory with every
# month loaded (median of 5).
app_row() {
  local frame memory
  frame=$(for _ in $(seq "$runs"); do first_frame "$1" 200 60; done | median)
  memory=$(for _ in 1 2 3 4 5; do app_memory "$1"; done | median)
  printf '| the app: first frame / peak with all loaded | %s | %s ms | %s MB |\n' "$2" "$frame" "$memory"
}

# A fresh copy of history $1 to log into, so the kept history never grows.
scratch_copy() {
  rm -rf "$work/scratch" && cp -r "$1" "$work/scratch" && echo "$work/scratch"
}

sizes=("1k 1 3" "10k 3 9" "100k 10 30")
$million && sizes+=("1M 30 90")
empty="$work/empty"
rm -rf "$empty" && mkdir -p "$empty"

echo "| command | history | median time | peak memory |"
echo "| --- | --- | --- | --- |"
for size in "${sizes[@]}"; do
  read -r name years per_day <<<"$size"
  dir=$(history "$name" "$years" "$per_day")
  entries=$("$bin" --data-dir "$dir" list --format csv 2>/dev/null | tail -n +2 | wc -l)
  label="$name ($entries entries)"
  row "reading the files (\`cat\`)" "$label" "sh -c 'cat $dir/entries/*/*.ron'"
  row "\`stats\`" "$label" "$bin --data-dir $dir stats"
  row "\`report\` (90 days)" "$label" "$bin --data-dir $dir report"
  row "\`list --format json\`" "$label" "$bin --data-dir $dir list --format json"
  row "\`list --format csv\`" "$label" "$bin --data-dir $dir list --format csv"
  row "\`export --format json\`" "$label" "$bin --data-dir $dir export --format json"
  copy=$(scratch_copy "$dir")
  row "\`log\`" "$label" "$bin --data-dir $copy log -r b37 -s tingling -i 3"
  # The first log after the month changed some other way reads it in full.
  row "\`log\`, the month changed since" "$label" "$bin --data-dir $copy log -r b37 -s tingling -i 3" "rm -rf $copy/.cache"
  app_row "$dir" "$label"
done
# log reads and rewrites only the current month: the same with that month
# alone, and with nothing.
month=$(date +%Y-%m)
only="$work/current-month"
rm -rf "$only" && mkdir -p "$only/entries/${month%-*}" && chmod -R 700 "$only"
cp "$work/100k/entries/${month%-*}/$month.ron" "$only/entries/${month%-*}/" 2>/dev/null || true
row "\`log\`" "the current month of 100k alone" "$bin --data-dir $only log -r b37 -s tingling -i 3"
row "\`log\`" "empty" "$bin --data-dir $empty log -r b37 -s tingling -i 3"

if $jrnl; then
  command -v jrnl >/dev/null || { echo "--jrnl needs jrnl: pipx install jrnl" >&2; exit 1; }
  dir=$(history 100k 10 30)
  jdir="$work/jrnl"
  mkdir -p "$jdir"
  if [ ! -s "$jdir/journal.txt" ]; then
    "$bin" --data-dir "$dir" export --format json 2>/dev/null | python3 -c '
import json, sys
for e in json.load(sys.stdin)["entries"]:
    when = e["at"][:16].replace("T", " ")
    print(f"[{when}] {e[\"sensation\"]} {e[\"intensity\"]}/10 in {\" \".join(e[\"regions\"])}")
    if e.get("note"):
        print(e["note"])
    print()
' >"$jdir/journal.txt"
    printf 'journals:\n  default: %s\nencrypt: false\neditor: ""\ndefault_hour: 9\ndefault_minute: 0\ntimeformat: "%%F %%r"\ntagsymbols: "#@"\nhighlight: false\nlinewrap: 79\nindent_character: "|"\ncolors: {body: none, date: none, tags: none, title: none}\n' "$jdir/journal.txt" >"$jdir/jrnl.yaml"
  fi
  row "jrnl: read one entry" "100k" "jrnl --config-file $jdir/jrnl.yaml -n 1"
  # Minutes a run: once, into a copy, so the journal stays as it was.
  cp "$jdir/journal.txt" "$jdir/journal.bak"
  runs=1 row "jrnl: add one entry (one run)" "100k" "jrnl --config-file $jdir/jrnl.yaml tingling 3/10 in left-sole"
  mv "$jdir/journal.bak" "$jdir/journal.txt"
fi
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); medians of $runs runs (memory: 5)."
