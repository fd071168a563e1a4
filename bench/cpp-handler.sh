#!/usr/bin/env bash
# C/C++ handler analysis benchmark (issue 6): for every C++ fixture handler, the
# median wall time of fnlint-cpp analysing it (parse + handler search + the six
# rules + SDK call inventory, helper start-up included) against
# `clang-14 -fsyntax-only` on the same file with the same flags (-std=c++17 and
# fnlint's declaration headers searched last). Criterion: ratio <= 1.3.
# Then shows with strace that a scan without C/C++ input never starts fnlint-cpp,
# and that a scan with some does (once).
#
#   bench/cpp-handler.sh
#
# fnlint-cpp's time includes its start-up (loading libLLVM and libclang-cpp) and a
# `sh -c` that feeds it the request (~1 ms).
#
# Environment: HELPER (default build/cli/fnlint-cpp), FNLINT (default build/cli/fnlint),
# CLANG (default clang-14), RUNS (default 11).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RUNS=${RUNS:-11}
HELPER=${HELPER:-$ROOT/build/cli/fnlint-cpp}
FNLINT=${FNLINT:-$ROOT/build/cli/fnlint}
CLANG=${CLANG:-clang-14}
INCLUDE=$ROOT/analyzers/handler/cpp/include
[[ -x $HELPER && -x $FNLINT ]] || { echo "cpp-handler: build fnlint and fnlint-cpp first (-DFNLINT_BUILD_CPP_MODULE=ON)" >&2; exit 2; }
command -v "$CLANG" > /dev/null || { echo "cpp-handler: $CLANG not found" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mapfile -t FILES < <(cd "$ROOT" && { ls fixtures/handler/*/fires-cpp-*/*.cpp fixtures/handler/*/clean-cpp-*/*.cpp;
                                      ls fixtures/handler/cpp/*.cpp | grep -v -e broken -e unresolved; } | sort)

# One run of "$@": appends "wall cpu" in ms (cpu = user + sys) to file $OUT.
measure() {
    /usr/bin/time -f '%e %U %S' -o "$WORK/t" "$@" > /dev/null 2>&1 || true
    awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$WORK/t" >> "$OUT"
}
median_of() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# The machine may be shared: the two commands alternate run by run so that both
# see the same load, and CPU time (user + sys) is reported beside wall time.
printf '%-70s %17s %17s %11s\n' "" "clang-14 -fsyntax" "fnlint-cpp" "ratio"
printf '%-70s %8s %8s %8s %8s %5s %5s\n' "file" "wall ms" "cpu ms" "wall ms" "cpu ms" "wall" "cpu"
worst_wall=0 worst_cpu=0 n=0
for rel in "${FILES[@]}"; do
    file=$ROOT/$rel
    req=$WORK/req-$n.json
    printf '{"version":1,"root":"%s","sources":["%s"]}' "$(dirname "$file")" "$(basename "$file")" > "$req"
    clang_cmd=("$CLANG" -fsyntax-only -std=c++17 -idirafter "$INCLUDE" -fno-caret-diagnostics "$file")
    "${clang_cmd[@]}" > /dev/null 2>&1 || true # warm the page cache
    "$HELPER" < "$req" > /dev/null 2>&1 || true
    : > "$WORK/clang" && : > "$WORK/helper"
    for ((i = 0; i < RUNS; i++)); do
        OUT=$WORK/clang measure "${clang_cmd[@]}"
        OUT=$WORK/helper measure sh -c 'exec "$0" < "$1"' "$HELPER" "$req"
    done
    cw=$(cut -d' ' -f1 "$WORK/clang" | median_of); cc=$(cut -d' ' -f2 "$WORK/clang" | median_of)
    fw=$(cut -d' ' -f1 "$WORK/helper" | median_of); fc=$(cut -d' ' -f2 "$WORK/helper" | median_of)
    rw=$(awk -v f="$fw" -v c="$cw" 'BEGIN { printf "%.2f", (c > 0 ? f / c : 0) }')
    rc=$(awk -v f="$fc" -v c="$cc" 'BEGIN { printf "%.2f", (c > 0 ? f / c : 0) }')
    worst_wall=$(awk -v a="$worst_wall" -v b="$rw" 'BEGIN { print (b > a ? b : a) }')
    worst_cpu=$(awk -v a="$worst_cpu" -v b="$rc" 'BEGIN { print (b > a ? b : a) }')
    printf '%-70s %8s %8s %8s %8s %5s %5s\n' "${rel#fixtures/handler/}" "$cw" "$cc" "$fw" "$fc" "$rw" "$rc"
    n=$((n + 1))
done
echo "$n files, $RUNS alternating runs each (medians); worst ratio: wall $worst_wall, cpu $worst_cpu (criterion <= 1.3)"

# LibTooling is loaded only when there is C/C++ to analyse.
mkdir -p "$WORK/no-cpp" "$WORK/with-cpp"
cp -r "$ROOT/fixtures/handler/command-injection/fires-sam-shell-from-event/." "$WORK/no-cpp/"
cp "$ROOT/fixtures/handler/cpp/api_handler.cpp" "$WORK/with-cpp/"
count_helper_starts() {
    strace -f -qq -e trace=execve -o "$WORK/trace" "$FNLINT" scan "$1" --format json -o /dev/null > /dev/null 2>&1 || true
    grep -c 'execve(".*fnlint-cpp"' "$WORK/trace" || true
}
echo "fnlint-cpp started by a scan without C/C++ input: $(count_helper_starts "$WORK/no-cpp") time(s)"
echo "fnlint-cpp started by a scan with one C++ file:   $(count_helper_starts "$WORK/with-cpp") time(s)"
