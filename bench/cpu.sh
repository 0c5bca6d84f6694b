#!/usr/bin/env bash
# CPU milliseconds (user+sys) per PDF handout of BenchmarkPDF test binaries,
# compared in alternating rounds: on a shared, noisy machine CPU time holds
# steadier than wall time. Build the binaries first, one per version:
#   go test -c -o /tmp/i14/bench-new.test ./bench/
# then: bash bench/cpu.sh base fpdf new   (names of /tmp/i14/bench-NAME.test)
set -euo pipefail
dir=${BENCH_DIR:-/tmp/i14}
cpu() { local s; s=$( { TIMEFORMAT='%U %S' bash -c "time $1 -test.run XXX -test.bench PDF -test.benchtime $2x >/dev/null" ; } 2>&1 | tail -1); echo "$s" | awk '{print $1+$2}'; }
for round in 1 2 3 4 5 6; do
  for v in "$@"; do
    a=$(cpu "$dir/bench-$v.test" 300); b=$(cpu "$dir/bench-$v.test" 1)
    echo "$v $(echo "$a $b" | awk '{printf "%.3f", ($1-$2)/299*1000}')"
  done
done
