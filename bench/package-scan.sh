#!/usr/bin/env bash
# Package-scan benchmark: how long fnlint takes to scan the bench package, next to
# the time `unzip -p` needs just to inflate it, measured in the same run.
#
#   bench/package-scan.sh
#
# Environment:
#   FNLINT       fnlint binary (default: build/cli/fnlint under the repo root)
#   BENCH_WORK   cache directory (default: bench/.work)
#   RUNS         measured runs per command (default 10, at least 10 is advised)
#   WARMUP       warm-up runs per command (default 2)
#   HYPERFINE    hyperfine binary (default: from PATH); set HYPERFINE=none to force
#                the fallback loop
#
# Prints a table of median wall times and their ratio to the unzip baseline, plus
# the machine it ran on. Always exits 0 once measurements were taken: the numbers
# go into notes, they are not assertions. With hyperfine, the raw data is in
# $BENCH_WORK/package-scan.json.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
WORK=${BENCH_WORK:-$BENCH_DIR/.work}
export BENCH_WORK=$WORK
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
FNLINT=${FNLINT:-build/cli/fnlint}
# a relative path is taken from the current directory if it exists there, else from the repo root
if [[ $FNLINT == */* && $FNLINT != /* ]]; then
    if [[ -e $FNLINT ]]; then FNLINT=$PWD/$FNLINT; else FNLINT=$ROOT/$FNLINT; fi
fi
HYPERFINE=${HYPERFINE:-$(command -v hyperfine || true)}
[[ $HYPERFINE == none ]] && HYPERFINE=

ZIP=$WORK/node-package.zip
EMPTY=$WORK/empty-dir
JSON=$WORK/package-scan.json

"$BENCH_DIR/make-node-package.sh"
mkdir -p "$EMPTY"
find "$EMPTY" -mindepth 1 -delete

q() { printf '%q' "$1"; }

# name | command (run through bash; stdout/stderr are discarded while measuring)
names=("unzip -p (baseline)")
cmds=("unzip -p $(q "$ZIP")")
fnlint_ok=0
if command -v "$FNLINT" >/dev/null 2>&1 && [[ -x $(command -v "$FNLINT") ]]; then
    fnlint_ok=1
    F=$(q "$FNLINT")
    names+=("fnlint scan pkg.zip --format json" "fnlint --version" "fnlint scan <empty dir>")
    cmds+=("$F scan $(q "$ZIP") --format json -o /dev/null"
           "$F --version"
           "$F scan $(q "$EMPTY")")
else
    echo "package-scan: fnlint not found at '$FNLINT' (set FNLINT=...): measuring the baseline only" >&2
fi

# One probe run of each command: a scan that fails straight away (bad flag, crash)
# must not pass for a fast one. fnlint exits non-zero when it reports findings, so
# the exit code is shown, not judged.
codes=()
for c in "${cmds[@]}"; do
    set +e
    bash -c "$c" >/dev/null 2>&1
    codes+=("$?")
    set -e
done

medians=()   # milliseconds, one per command
if [[ -n $HYPERFINE ]]; then
    method="hyperfine $("$HYPERFINE" --version | awk '{print $2}') (warmup $WARMUP, runs $RUNS, median)"
    # --shell=none: no shell start-up to subtract, which hyperfine cannot do
    # precisely for commands of a few milliseconds (--version, an empty scan).
    # hyperfine discards the commands' output itself.
    "$HYPERFINE" --style basic --ignore-failure --shell=none --warmup "$WARMUP" --runs "$RUNS" \
        --export-json "$JSON" "${cmds[@]}" >&2
    # median (seconds) of each result, in command order
    if command -v python3 >/dev/null; then
        mapfile -t medians < <(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%.1f" % (r["median"] * 1000))' "$JSON")
    else
        mapfile -t medians < <(node -e '
for (const r of require(process.argv[1]).results) console.log((r.median * 1000).toFixed(1));' "$JSON")
    fi
else
    method="fallback loop: date +%s%N (warmup $WARMUP, runs $RUNS, median)"
    for c in "${cmds[@]}"; do
        for ((i = 0; i < WARMUP; i++)); do bash -c "$c" >/dev/null 2>&1 || true; done
        samples=()
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            bash -c "$c" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            samples+=("$((t1 - t0))")
        done
        medians+=("$(printf '%s\n' "${samples[@]}" | sort -n | awk '
            { v[NR] = $1 }
            END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1e6 }')")
    done
fi

for i in "${!cmds[@]}"; do
    [[ ${medians[$i]:-} =~ ^[0-9.]+$ ]] || medians[i]=n/a
done

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
read -r entries _ unzipped _ < <(zipinfo -t "$ZIP")
echo
echo "package-scan benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:  $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr)"
echo "package:  $ZIP ($(stat -c %s "$ZIP") bytes zipped, $unzipped unzipped, $entries entries)"
echo "fnlint:   $( ((fnlint_ok)) && echo "$FNLINT" || echo "not found ($FNLINT)")"
echo "method:   $method"
echo
base=${medians[0]}
printf '%-36s %12s %14s %6s\n' "command" "median ms" "ratio / unzip" "exit"
printf '%-36s %12s %14s %6s\n' "-------" "---------" "-------------" "----"
for i in "${!cmds[@]}"; do
    ratio=$(awk -v a="${medians[$i]}" -v b="$base" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.3f", a / b; else print "n/a" }')
    printf '%-36s %12s %14s %6s\n' "${names[$i]}" "${medians[$i]}" "$ratio" "${codes[$i]}"
done
if [[ ${codes[0]} != 0 ]]; then
    echo "warning: the unzip baseline exited ${codes[0]}" >&2
fi
exit 0
