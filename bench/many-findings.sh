#!/usr/bin/env bash
# Scaling benchmark: a JSON file holding N high-entropy `api_token` values, for
# N doubling from 10,000 to 80,000, scanned by fnlint; `grep -c` on the same
# file is the floor measured in the same run. Placing each finding and removing
# overlaps once took time quadratic in the findings per file (minutes for
# 100k); a linear scan shows fnlint's time growing like N, so the last column
# (time per 10k findings) stays flat.
#
#   bench/many-findings.sh
#   RUNS=3 bench/many-findings.sh
#
# Environment: FNLINT (default build/cli/fnlint), RUNS (default 5), BENCH_WORK
# (default bench/.work). Prints a table; exits 0 once measured (numbers for
# notes, not assertions).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
WORK=${BENCH_WORK:-$BENCH_DIR/.work}/many-findings
RUNS=${RUNS:-5}
FNLINT=${FNLINT:-$ROOT/build/cli/fnlint}
[[ -x $FNLINT ]] || { echo "many-findings: $FNLINT not built (scripts/build.sh)" >&2; exit 1; }
source "$BENCH_DIR/lib.sh"
mkdir -p "$WORK"

printf '%-8s %10s %12s %12s %8s %16s\n' entries findings "grep ms" "fnlint ms" ratio "ms per 10k"
for N in 10000 20000 40000 80000; do
    Dir=$WORK/n$N
    if [[ ! -f $Dir/data.json ]]; then
        mkdir -p "$Dir"
        awk -v n="$N" 'BEGIN {
            srand(20240611); a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            print "["
            for (i = 0; i < n; i++) {
                t = ""; for (k = 0; k < 24; k++) t = t substr(a, int(rand() * 62) + 1, 1)
                printf "  {\"user\": \"u%d\", \"api_token\": \"%s\"},\n", i, t
            }
            print "  {}"; print "]"
        }' > "$Dir/data.json"
    fi
    Findings=$("$FNLINT" scan --no-config --format json --exit-zero "$Dir" | grep -c '"ruleId"' || true)
    Grep=$(median_ms grep -c api_token "$Dir/data.json")
    Scan=$(median_ms "$FNLINT" scan --no-config --format json --exit-zero -o /dev/null "$Dir")
    awk -v n="$N" -v f="$Findings" -v g="$Grep" -v s="$Scan" \
        'BEGIN { printf "%-8d %10d %12.0f %12.0f %8.1f %16.1f\n", n, f, g, s, (g > 0 ? s / g : 0), s * 10000 / n }'
done
