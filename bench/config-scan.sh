#!/usr/bin/env bash
# Configuration-scan benchmark: fnlint over the 501 SAM applications of
# ../shared/corpus/serverless-patterns (templates, serverless.yml files, their code
# folders and zips), next to baselines measured in the same run:
#   - `cat` of every template (reading them: the floor);
#   - PyYAML parsing every template (a parser alone, no analysis), when python3-yaml is there.
#
#   bench/config-scan.sh
#
# Environment: FNLINT (default build/cli/fnlint), CORPUS (default ../shared/corpus next to
# the repo), RUNS (default 10). Prints median wall times and ratios; exits 0 once measured.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RUNS=${RUNS:-10}
FNLINT=${FNLINT:-$ROOT/build/cli/fnlint}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
[[ -x $FNLINT ]] || { echo "config-scan: build fnlint first ($FNLINT)" >&2; exit 2; }
[[ -d $CORPUS/serverless-patterns ]] || { echo "config-scan: no corpus at $CORPUS" >&2; exit 2; }
cd "$CORPUS"

LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT
find serverless-patterns -type f \( -name 'template.y*ml' -o -name 'template.json' -o -name 'serverless.yml' \) | sort > "$LIST"

# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh" # median_ms

"$FNLINT" scan serverless-patterns --format json --now 2026-11-30 -o /dev/null || true # warm the page cache
files=$(wc -l < "$LIST")
fnlint_ms=$(median_ms "$FNLINT" scan serverless-patterns --format json --now 2026-11-30 -o /dev/null)
fnlint1_ms=$(median_ms "$FNLINT" scan serverless-patterns --format json --now 2026-11-30 -j 1 -o /dev/null)
cat_ms=$(median_ms xargs -a "$LIST" cat)
printf 'machine: %s, %s cores\n' "$(uname -m)" "$(nproc)"
printf 'configuration files: %s\n' "$files"
printf '%-44s %8s %8s\n' command 'median' 'vs cat'
printf '%-44s %6s ms %8s\n' "cat (every configuration file)" "$cat_ms" "1.00"
printf '%-44s %6s ms %8.2f\n' "fnlint scan serverless-patterns" "$fnlint_ms" "$(echo "$fnlint_ms / $cat_ms" | bc -l)"
printf '%-44s %6s ms %8.2f\n' "fnlint scan serverless-patterns -j 1" "$fnlint1_ms" "$(echo "$fnlint1_ms / $cat_ms" | bc -l)"
if python3 -c 'import yaml' 2>/dev/null; then
    py_ms=$(median_ms python3 -c '
import sys, yaml
class L(yaml.SafeLoader): pass
L.add_multi_constructor("!", lambda l, s, n: None)
for p in open(sys.argv[1]).read().split():
    try: yaml.load(open(p, "rb"), Loader=L)
    except Exception: pass' "$LIST")
    printf '%-44s %6s ms %8.2f\n' "PyYAML parse only (python3 -c yaml.load)" "$py_ms" "$(echo "$py_ms / $cat_ms" | bc -l)"
fi
