#!/usr/bin/env bash
# IAM action database benchmark: how long the first use of the embedded table
# (rules/data/iam-actions.tsv, parsed lazily by core/IamActions.cpp) takes, and a
# fresh parse of the same text, each in a new process. `fnlint --version` does not
# load the table, so this runs the test binary's IamActions.TimesLoadAndExpand alone.
#
#   bench/iam-db.sh
#
# Environment:
#   FNLINT_TESTS  test binary (default: build/tests/fnlint_tests under the repo root)
#   RUNS          processes to start (default 10)
#
# Prints min / median / max of each figure. Always exits 0 once measured: the numbers
# go into notes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TESTS=${FNLINT_TESTS:-$ROOT/build/tests/fnlint_tests}
RUNS=${RUNS:-10}
if [[ ! -x $TESTS ]]; then
  echo "iam-db: $TESTS not built (cmake --build build --target fnlint_tests)" >&2
  exit 2
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "table:   $(awk -F'\t' '$1 == "version" { v = $2 } $1 == "date" { d = $2 } END { print v " (" d ")" }' "$ROOT/rules/data/iam-actions.tsv"), $(wc -c <"$ROOT/rules/data/iam-actions.tsv") bytes, $(grep -c '^A' "$ROOT/rules/data/iam-actions.tsv") actions"

out=$(mktemp)
trap 'rm -f "$out"' EXIT
for ((i = 0; i < RUNS; i++)); do
  "$TESTS" --gtest_filter=IamActions.TimesLoadAndExpand | grep '^\[ iam-db' >>"$out"
done
# [ iam-db   ] embedded first use 12.3 ms; parse 11.0 ms; 300 expansions 60.1 ms (331400 matches)
awk -v runs="$RUNS" '
  function stats(name, a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    printf "%-28s min %6.1f ms  median %6.1f ms  max %6.1f ms\n", name, a[1], a[int((n + 1) / 2)], a[n]
  }
  { n++; first[n] = $7; parse[n] = $10; expand[n] = $14 }
  END {
    print "runs:    " n " processes"
    stats("embedded first use", first, n)
    stats("parse (a fresh copy)", parse, n)
    stats("300 expansions", expand, n)
  }' "$out"
