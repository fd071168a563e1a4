#!/usr/bin/env bash
# pre-commit hook benchmark (issue 7: "the hook scans 5 small files in under 100 ms wall").
# Builds a git repository from examples/sam-app in bench/.work/pre-commit-repo with 5 small
# files staged (a handler, the template, an IAM policy, a README, a .fnlint.yaml) and times,
# in the same run:
#   - `git diff --cached --name-only`, which pre-commit itself runs first, and `cat` of the
#     5 files: the floor;
#   - `fnlint --version` (process start-up) and `fnlint scan` of an empty folder (a scan's
#     fixed cost: rule catalogue, configuration, reporters);
#   - the hook's own command, `fnlint scan --changed FILE...` on the 5 files (the handler
#     brings in its function's code folder and template, the template its other function's zip);
#   - `fnlint scan .`, the whole repository, for comparison;
#   - `pre-commit run fnlint --files FILE...` when pre-commit is installed: the framework's
#     own start (Python) on top of fnlint's.
# Wall times are medians (bench/lib.sh); the fnlint rows also show the median CPU time
# (user + system), which is what the wall time comes down to on an idle machine.
#
#   bench/pre-commit-hook.sh
#
# Environment: FNLINT (default build/cli/fnlint), RUNS (default 20), BENCH_WORK (default
# bench/.work). Exits 0 once measured, 2 without a built fnlint.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RUNS=${RUNS:-20}
FNLINT=${FNLINT:-$ROOT/build/cli/fnlint}
WORK=${BENCH_WORK:-$BENCH_DIR/.work}
[[ -x $FNLINT ]] || { echo "pre-commit-hook: build fnlint first ($FNLINT)" >&2; exit 2; }
FNLINT=$(cd "$(dirname "$FNLINT")" && pwd)/$(basename "$FNLINT")

# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh" # median_ms

# Median CPU time (user + system of the command, in ms) over RUNS runs.
median_cpu_ms() {
    local cpu=()
    for ((i = 0; i < RUNS; i++)); do
        # `times` prints the children's user and system time on its second line.
        cpu+=($( ("$@" > /dev/null 2>&1 || true; times) | awk 'NR == 2 {
            split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }'))
    done
    printf '%s\n' "${cpu[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com \
       GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
REPO=$WORK/pre-commit-repo
rm -rf "$REPO" "$WORK/pre-commit-hooks" "$WORK/pre-commit-empty"
mkdir -p "$WORK/pre-commit-empty"
cp -r "$ROOT/examples/sam-app" "$REPO"
cd "$REPO"
git init -q . && git add -A && git commit -q -m 'the example app' --no-verify
# The 5 staged files.
printf '\n# Reports are written once a day.\n' >> src/reports/app.py
printf '\n# Deployed by the release pipeline.\n' >> template.yaml
printf 'Run `sam build` first.\n' >> README.md
mkdir -p policies
cat > policies/reports-read.json <<'EOF'
{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports-bucket/*"}
  ]
}
EOF
"$FNLINT" init . > /dev/null
git add -A
mapfile -t FILES < <(git diff --cached --name-only)

"$FNLINT" scan --changed "${FILES[@]}" > /dev/null 2>&1 || true # warm the page cache
hook_rc=0
"$FNLINT" scan --changed "${FILES[@]}" > /dev/null 2>&1 || hook_rc=$?

printf 'machine: %s, %s cores, %s; load %s; CPU pressure avg10 %s%%\n' "$(uname -m)" "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$(sed -n 's/^some avg10=\([0-9.]*\).*/\1/p' /proc/pressure/cpu 2>/dev/null || echo '?')"
printf 'staged: %s (%s bytes); runs: %s\n' "${FILES[*]}" "$(cat "${FILES[@]}" | wc -c)" "$RUNS"
printf '%-52s %9s %9s\n' command 'wall' 'CPU'
row() { # label, command...
    local label=$1
    shift
    printf '%-52s %6s ms' "$label" "$(median_ms "$@")"
    [[ $1 == "$FNLINT" ]] && printf ' %6s ms' "$(median_cpu_ms "$@")"
    printf '\n'
}
row "git diff --cached --name-only" git diff --cached --name-only
row "cat (the 5 staged files)" cat "${FILES[@]}"
row "fnlint --version (start-up)" "$FNLINT" --version
row "fnlint scan <empty folder>" "$FNLINT" scan "$WORK/pre-commit-empty"
row "fnlint scan --changed <5 files> (the hook, exit $hook_rc)" "$FNLINT" scan --changed "${FILES[@]}"
row "fnlint scan . (the whole repository)" "$FNLINT" scan .

if command -v pre-commit > /dev/null; then
    # The hook as users run it: a hook repository at a commit, fnlint on PATH.
    HOOKS=$WORK/pre-commit-hooks
    mkdir -p "$HOOKS/bin"
    cp "$ROOT/.pre-commit-hooks.yaml" "$HOOKS/"
    ln -s "$FNLINT" "$HOOKS/bin/fnlint"
    git -C "$HOOKS" init -q . && git -C "$HOOKS" add .pre-commit-hooks.yaml && git -C "$HOOKS" commit -q -m hooks
    printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: fnlint\n' "$HOOKS" \
        "$(git -C "$HOOKS" rev-parse HEAD)" > .pre-commit-config.yaml
    git add .pre-commit-config.yaml
    export PRE_COMMIT_HOME=$WORK/pre-commit-cache PATH=$HOOKS/bin:$PATH
    pre-commit run fnlint --files "${FILES[@]}" > /dev/null 2>&1 || true # installs the hook repository once
    row "pre-commit run fnlint --files <5 files>" pre-commit run fnlint --files "${FILES[@]}"
fi
