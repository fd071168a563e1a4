#!/usr/bin/env bash
# Handler analyzer benchmarks, in memory, on one core (issue 6 asks for at least 50 MB/s):
# - Python: tokenizer, defs and the six handler/* rules over every .py file of
#   ../shared/corpus/serverless-patterns (about 1,400 files, 11 MB, boto3/botocore copies in
#   layers included);
# - Node.js: tokenizer, handler locator, the six handler/* rules and the SDK call inventory over
#   every .js/.mjs/.cjs/.ts/.mts file outside node_modules (about 1,100 files, 1.6 MB); MB/s of
#   CPU time is printed too, the wall clock counting whatever else shares the core.
# Then the whole fnlint scan of that folder for wall time and a no-crash check.
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
NODE_LIST=$(mktemp)
trap 'rm -f "$LIST" "$NODE_LIST"' EXIT
find "$PATTERNS" -name '*.py' -type f | sort > "$LIST"
find "$PATTERNS" -type d -name node_modules -prune -o -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' \
    -o -name '*.ts' -o -name '*.mts' \) ! -name '*.d.ts' -print | sort > "$NODE_LIST"

# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh" # median_ms

FNLINT_PY_BENCH_LIST=$LIST FNLINT_PY_BENCH_ROUNDS=${ROUNDS:-5} taskset -c 0 "$TESTS" \
    --gtest_also_run_disabled_tests --gtest_filter='PythonHandlerBench.*' | grep '^python handler analysis'
FNLINT_NODE_BENCH_LIST=$NODE_LIST FNLINT_NODE_BENCH_ROUNDS=${ROUNDS:-5} taskset -c 0 "$TESTS" \
    --gtest_also_run_disabled_tests --gtest_filter='NodeHandlerBench.*' | grep '^node handler analysis'

rc=0
"$FNLINT" scan "$PATTERNS" -j1 --format json -o /dev/null || rc=$?
echo "fnlint scan serverless-patterns: median $(median_ms "$FNLINT" scan "$PATTERNS" -j1 --format json -o /dev/null) ms" \
     "over $RUNS runs, exit code $rc (1 = findings)"
