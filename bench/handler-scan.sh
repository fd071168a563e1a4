#!/usr/bin/env bash
# Python handler analyzer benchmark: tokenizer, defs and the six handler/* rules over every .py
# file of ../shared/corpus/serverless-patterns (about 1,400 files, 11 MB, boto3/botocore copies
# in layers included), in memory, on one core: what issue 6 asks to be at least 50 MB/s. Then
# the whole fnlint scan of that folder for wall time and a no-crash check.
#
#   bench/handler-scan.sh
#
# Environment: TESTS (default build/tests/fnlint_tests), FNLINT (default build/cli/fnlint),
# CORPUS (default ../shared/corpus next to the repo), ROUNDS (default 5), RUNS (default 5).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RUNS=${RUNS:-5}
TESTS=${TESTS:-$ROOT/build/tests/fnlint_tests}
FNLINT=${FNLINT:-$ROOT/build/cli/fnlint}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
PATTERNS=$CORPUS/serverless-patterns
[[ -x $TESTS && -x $FNLINT ]] || { echo "handler-scan: build fnlint and its tests first" >&2; exit 2; }
[[ -d $PATTERNS ]] || { echo "handler-scan: no corpus at $PATTERNS" >&2; exit 2; }

LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT
find "$PATTERNS" -name '*.py' -type f | sort > "$LIST"

# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh" # median_ms

FNLINT_PY_BENCH_LIST=$LIST FNLINT_PY_BENCH_ROUNDS=${ROUNDS:-5} taskset -c 0 "$TESTS" \
    --gtest_also_run_disabled_tests --gtest_filter='PythonHandlerBench.*' | grep '^python handler analysis'

rc=0
"$FNLINT" scan "$PATTERNS" -j1 --format json -o /dev/null || rc=$?
echo "fnlint scan serverless-patterns: median $(median_ms "$FNLINT" scan "$PATTERNS" -j1 --format json -o /dev/null) ms" \
     "over $RUNS runs, exit code $rc (1 = findings)"
