#!/usr/bin/env bash
# Whole-CLI benchmark: `zona batch` over N generated workbooks against a floor measured in the
# same run (a minimal program that only opens each workbook with calamine and loads its LKE sheet,
# on all cores), built twice: with the system allocator (`floor`) and with mimalloc, the allocator
# of the `zona` binary (`floor_mimalloc`, like for like). Prints throughput, the ratio to each floor
# and peak memory for each N, and the cost of one unit's report. See docs/performance.md.
#
#   scripts/bench-batch.sh              # N = 100 and 1000, 3 runs each (median)
#   NS="100" RUNS=5 scripts/bench-batch.sh
set -euo pipefail
cd "$(dirname "$0")/.."

NS="${NS:-100 1000}"
RUNS="${RUNS:-3}"
JOBS="${JOBS:-$(nproc)}"

cargo build --release --quiet --bin zona
cargo build --release --quiet -p zona-read --example floor --example floor_mimalloc && cargo build --release --quiet -p zona-report --example make_bench_set --example writer_floor
ZONA=target/release/zona
FLOOR=target/release/examples/floor
FLOOR_MI=target/release/examples/floor_mimalloc
MAKE=target/release/examples/make_bench_set
WRITER_FLOOR=target/release/examples/writer_floor
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Median of the wall times (seconds) and the largest peak RSS (KiB) over RUNS runs of a command.
measure() {
  local times=() rss=0 t m
  for _ in $(seq "$RUNS"); do
    "$TIME" -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
    read -r t m <"$work/time"
    times+=("$t")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $rss"
}

echo "cores: $(nproc), jobs: $JOBS, runs per figure: $RUNS (median)"
printf '%-6s %-8s %-8s %-8s %-10s %-8s %-8s %-10s %-10s\n' N floor_s floor_mi zona_s zona_wb/s ratio ratio_mi floor_rss zona_rss
for n in $NS; do
  dir="$work/n$n"
  "$MAKE" "$dir" "$n" >/dev/null
  read -r ft frss < <(measure "$FLOOR" "$dir")
  read -r fmt _ < <(measure "$FLOOR_MI" "$dir")
  read -r zt zrss < <(measure "$ZONA" batch "$dir" --out "$work/ringkasan-$n.xlsx" --force --jobs "$JOBS")
  awk -v n="$n" -v ft="$ft" -v fmt="$fmt" -v zt="$zt" -v fr="$frss" -v zr="$zrss" 'BEGIN {
    printf "%-6d %-8.2f %-8.2f %-8.2f %-10.1f %-8.2f %-8.2f %-10s %-10s\n",
      n, ft, fmt, zt, n/zt, zt/ft, zt/fmt, fr " KiB", zr " KiB" }'
done

# One unit's report: `zona score --out` minus `zona score`, over 20 runs each.
one="$work/n$(echo "$NS" | awk '{print $1}')/unit-00000.xlsx"
start=$(date +%s.%N); for _ in $(seq 20); do "$ZONA" score "$one" >/dev/null; done; end=$(date +%s.%N)
plain=$(echo "($end - $start) / 20" | bc -l)
start=$(date +%s.%N); for _ in $(seq 20); do "$ZONA" score "$one" --out "$work/r.xlsx" --force >/dev/null; done; end=$(date +%s.%N)
with=$(echo "($end - $start) / 20" | bc -l)
awk -v p="$plain" -v w="$with" 'BEGIN { printf "one unit: score %.1f ms, score + report %.1f ms, report %.1f ms\n", p*1000, w*1000, (w-p)*1000 }'

# The writer's floor for that report: rust_xlsxwriter alone writing a workbook of the report's
# size (examples/writer_floor.rs), its run minus a run that only reads the report's shape.
start=$(date +%s.%N); for _ in $(seq 20); do "$WRITER_FLOOR" "$work/r.xlsx" >/dev/null; done; end=$(date +%s.%N)
wfull=$(echo "($end - $start) / 20" | bc -l)
start=$(date +%s.%N); for _ in $(seq 20); do "$WRITER_FLOOR" "$work/r.xlsx" --shape-only >/dev/null; done; end=$(date +%s.%N)
wshape=$(echo "($end - $start) / 20" | bc -l)
awk -v p="$plain" -v w="$with" -v f="$wfull" -v s="$wshape" 'BEGIN { printf "writer floor for a report of that size %.1f ms; the report is %.2fx the writer floor\n", (f-s)*1000, (w-p)/(f-s) }'
