#!/usr/bin/env bash
# Scale: builds generated configs of N clinics (each like the default
# clinic: 10 languages, every routine, PDF and PNG) and prints, per N, the
# wall and CPU time per file and the peak RSS (GNU time -v). Cost should
# grow linearly: time per file and peak RSS about the same for every N.
# Usage: bench/scale.sh [N...]   (default: 1 100; 100 clinics take minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 100)
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/careprint" ./cmd/careprint
mkdir -p "$work/assets/logos" "$work/templates"
cp assets/logos/riverside.png "$work/assets/logos/"

config() { # N: a config of N clinics
  echo "templates: templates"
  echo "clinics:"
  for i in $(seq -f %03g "$1"); do
    cat <<YAML
  - id: clinic-$i
    name: Clinic $i Family Lactation Service
    contact: {phone: (555) 010-0$i, email: care@clinic-$i.example, web: clinic-$i.example/feeding}
    logo: assets/logos/riverside.png
    colors: {primary: "#0F6E66", accent: "#B4462C"}
    languages: [en, es, fr, pt-BR, vi, tl, ru, zh-Hans, ko, ar]
    review: {date: 2026-11-01, by: Lactation team, version: "1.0"}
YAML
  done
}

echo "$(nproc) cores, $(go version | awk '{print $3}'), $(date -u +%F)"
for n in "${counts[@]}"; do
  config "$n" >"$work/config-$n.yaml"
  rm -rf "$work/out"
  /usr/bin/time -v "$work/careprint" build --quiet --config "$work/config-$n.yaml" --out "$work/out" >"$work/log" 2>"$work/time"
  files=$(awk '/ written, / {print $1}' "$work/log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2, t, ":"); s=0; for (i=1; i<=n; i++) s=s*60+t[i]; print s}' "$work/time")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time")
  printf '%4d clinics: %6d files  wall %8.1f s (%5.2f ms/file)  CPU %8.1f s (%5.2f ms/file)  peak RSS %6.1f MiB\n' \
    "$n" "$files" "$wall" "$(echo "$wall * 1000 / $files" | bc -l)" "$cpu" "$(echo "$cpu * 1000 / $files" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done
