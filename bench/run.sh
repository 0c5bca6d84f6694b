#!/usr/bin/env bash
# Runs the whole default build N times (default 5) with --force into a
# fresh folder, then a no-op rebuild N times, and prints the median wall
# time, files per second, CPU time (user + sys: on a shared machine it
# holds steadier than wall time) and peak RSS (GNU time -v).
# Usage: bench/run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time"; exit 1; }
bin=$(mktemp -d)/careprint
out=$(mktemp -d)
trap 'rm -rf "$out" "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/careprint

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

run() { # label, args...
  local label=$1; shift
  local times=() cpus=() rss=() files=0
  for _ in $(seq "$n"); do
    /usr/bin/time -v "$bin" build --quiet --out "$out" "$@" >"$out.log" 2>"$out.time"
    files=$(awk '/ written, / {print $1 + $3}' "$out.log")
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1]*60 + t[2]}' "$out.time")")
    cpus+=("$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$out.time")")
    rss+=("$(awk -F': ' '/Maximum resident/ {print $2}' "$out.time")")
  done
  local t c r
  t=$(printf '%s\n' "${times[@]}" | median)
  c=$(printf '%s\n' "${cpus[@]}" | median)
  r=$(printf '%s\n' "${rss[@]}" | median)
  printf '%-22s median %6.2f s  %7.1f files/s  CPU %6.2f s  peak RSS %6.1f MiB  (%d files, n=%d)\n' \
    "$label" "$t" "$(echo "$files / $t" | bc -l)" "$c" "$(echo "$r / 1024" | bc -l)" "$files" "$n"
}

echo "$(nproc) cores, $(go version | awk '{print $3}'), $(date -u +%F)"
run "full build (--force)" --force
run "no-op rebuild"
