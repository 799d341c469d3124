# Shell helpers the whole-process benchmarks share; sourced, not run.
# Needs $bin (the sensemap binary) and tmux.

# The tmux server the benchmarks start the app in, apart from any other.
bench_tmux="sensemap-bench"

# The median of the numbers on standard input, one a line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Milliseconds from starting sensemap on data folder $1 in a $2x$3 tmux
# until its first frame is on screen.
first_frame() {
  tmux -L "$bench_tmux" kill-server 2>/dev/null || true
  local start end
  start=$(date +%s%N)
  tmux -L "$bench_tmux" new-session -d -s s -x "$2" -y "$3" "$bin --data-dir $1"
  until tmux -L "$bench_tmux" capture-pane -p -t s 2>/dev/null | grep -q "1:Body map"; do sleep 0.002; done
  end=$(date +%s%N)
  tmux -L "$bench_tmux" kill-server 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}
