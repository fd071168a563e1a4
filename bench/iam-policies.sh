#!/usr/bin/env bash
# IAM policy benchmark: fnlint over every AWS managed policy (../shared/corpus/aws-managed-policies,
# 1,390 files of `aws iam get-policy-version` output, 8.5 MB), wall time with the action
# database load included, next to baselines measured in the same run:
#   - `cat` of every file (reading them: the floor);
#   - python3 json.load of every file (a parser alone, no analysis).
#
#   bench/iam-policies.sh
#
# Environment: FNLINT (default build/cli/fnlint), CORPUS (default ../shared/corpus next to the
# repo), RUNS (default 10), RSS_RUNS (default 3). Prints median wall times, ratios to cat and
# to the python parse, fnlint's peak RSS and its exit code; exits 0 once measured.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RUNS=${RUNS:-10}
RSS_RUNS=${RSS_RUNS:-3}
FNLINT=${FNLINT:-$ROOT/build/cli/fnlint}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
POLICIES=aws-managed-policies
[[ -x $FNLINT ]] || { echo "iam-policies: build fnlint first ($FNLINT)" >&2; exit 2; }
FNLINT=$(realpath "$FNLINT") # the runs below work from the corpus folder
[[ -d $CORPUS/$POLICIES ]] || { echo "iam-policies: no corpus at $CORPUS/$POLICIES" >&2; exit 2; }
cd "$CORPUS"

LIST=$(mktemp)
RSS=$(mktemp)
trap 'rm -f "$LIST" "$RSS"' EXIT
find "$POLICIES" -type f | sort > "$LIST"

# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh" # median_ms

# Largest peak RSS in MiB of RSS_RUNS runs of "$@".
peak_rss_mib() {
    local max=0
    for ((i = 0; i < RSS_RUNS; i++)); do
        local kb
        /usr/bin/time -o "$RSS" -f '%M' "$@" > /dev/null 2>&1 || true
        kb=$(tail -1 "$RSS")
        ((kb > max)) && max=$kb
    done
    echo "scale=1; $max / 1024" | bc
}

scan=("$FNLINT" scan "$POLICIES" --format json -o /dev/null)
"${scan[@]}" || true # warm the page cache
set +e
"${scan[@]}"
exit_code=$?
set -e

files=$(wc -l < "$LIST")
bytes=$(xargs -a "$LIST" cat | wc -c)
cat_ms=$(median_ms xargs -a "$LIST" cat)
fnlint_ms=$(median_ms "${scan[@]}")
fnlint1_ms=$(median_ms "${scan[@]}" -j 1)
version_ms=$(median_ms "$FNLINT" --version)
py_ms=$(median_ms python3 -c '
import json, sys
for p in open(sys.argv[1]).read().split():
    with open(p, "rb") as f:
        data = f.read()
    if data.strip():
        json.loads(data)' "$LIST")

ratio() { echo "$1 / $2" | bc -l; }
printf 'machine: %s cores, %s, load %s\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'corpus:  %s files, %.1f MB; %s\n' "$files" "$(echo "$bytes / 1000000" | bc -l)" "$("$FNLINT" --version | grep 'iam-actions')"
printf 'runs:    median of %s\n' "$RUNS"
printf '%-46s %8s %8s %10s\n' command median 'vs cat' 'vs python'
printf '%-46s %6s ms %8s %10.2f\n' "cat (every policy file)" "$cat_ms" "1.00" "$(ratio "$cat_ms" "$py_ms")"
printf '%-46s %6s ms %8.2f %10s\n' "python3 json.load (every policy file)" "$py_ms" "$(ratio "$py_ms" "$cat_ms")" "1.00"
printf '%-46s %6s ms %8.2f %10.2f\n' "fnlint scan $POLICIES" "$fnlint_ms" "$(ratio "$fnlint_ms" "$cat_ms")" \
    "$(ratio "$fnlint_ms" "$py_ms")"
printf '%-46s %6s ms %8.2f %10.2f\n' "fnlint scan $POLICIES -j 1" "$fnlint1_ms" "$(ratio "$fnlint1_ms" "$cat_ms")" \
    "$(ratio "$fnlint1_ms" "$py_ms")"
printf '%-46s %6s ms\n' "fnlint --version (start-up)" "$version_ms"
printf 'fnlint peak RSS: %s MiB (all cores), %s MiB (-j 1); exit code %s (1: findings)\n' \
    "$(peak_rss_mib "${scan[@]}")" "$(peak_rss_mib "${scan[@]}" -j 1)" "$exit_code"
