#!/usr/bin/env bash
# Secret-scan benchmark: fnlint's scan of the bench package next to `unzip -p` (the
# floor) and next to secretlint with its recommended preset on the same files,
# extracted, all measured in the same run; then what each tool found.
#
#   bench/secret-scan.sh
#   RUNS=3 bench/secret-scan.sh          # fewer measured runs (secretlint is slow)
#
# Environment:
#   FNLINT           fnlint binary (default: build/cli/fnlint under the repo root)
#   BENCH_WORK       cache directory (default: bench/.work)
#   RUNS             measured runs per command (default 5)
#   SECRETLINT_RUNS  measured runs of the secretlint rows (default: RUNS)
#   WARMUP           warm-up runs per command (default 1)
#   RSS_RUNS         runs under /usr/bin/time per command for the peak RSS, the
#                    largest is shown (default 3; the first also gives the reports)
#   HYPERFINE        hyperfine binary (default: from PATH); HYPERFINE=none forces the
#                    fallback loop
#   LIMIT            locations listed per side in the findings comparison (default 20)
#
# Inputs it prepares (each only when missing or out of date):
#   $BENCH_WORK/node-package.zip     make-node-package.sh
#   $BENCH_WORK/node-package-2x.zip  the same entries twice: at the root and under
#                                    copy/ (twice the entries and bytes)
#   $BENCH_WORK/extracted/           node-package.zip extracted, every node_modules/
#                                    folder renamed deps/ (secretlint never enters
#                                    node_modules); checked to hold exactly the zip's
#                                    files and bytes
#   $BENCH_WORK/secretlint/          npm ci from bench/secretlint/package-lock.json
#
# Progress goes to stderr, the report to stdout. Reports and raw timings are kept in
# $BENCH_WORK/secret-scan/. Always exits 0 once measurements were taken: the numbers
# go into notes, they are not assertions. A missing fnlint or a failed secretlint
# install leaves those rows out.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
WORK=${BENCH_WORK:-$BENCH_DIR/.work}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
export BENCH_WORK=$WORK
RUNS=${RUNS:-5}
SECRETLINT_RUNS=${SECRETLINT_RUNS:-$RUNS}
WARMUP=${WARMUP:-1}
RSS_RUNS=${RSS_RUNS:-3}
LIMIT=${LIMIT:-20}
FNLINT=${FNLINT:-build/cli/fnlint}
# a relative path is taken from the current directory if it exists there, else from the repo root
if [[ $FNLINT == */* && $FNLINT != /* ]]; then
    if [[ -e $FNLINT ]]; then FNLINT=$PWD/$FNLINT; else FNLINT=$ROOT/$FNLINT; fi
fi
HYPERFINE=${HYPERFINE:-$(command -v hyperfine || true)}
[[ $HYPERFINE == none ]] && HYPERFINE=
TIME_BIN=/usr/bin/time   # GNU time, for %M (apt-get install time)
[[ -x $TIME_BIN ]] || TIME_BIN=

for v in RUNS SECRETLINT_RUNS WARMUP RSS_RUNS LIMIT; do
    [[ ${!v} =~ ^[0-9]+$ ]] || { echo "secret-scan: $v must be a number" >&2; exit 2; }
done
((RUNS >= 1 && SECRETLINT_RUNS >= 1 && RSS_RUNS >= 1)) ||
    { echo "secret-scan: RUNS, SECRETLINT_RUNS and RSS_RUNS must be at least 1" >&2; exit 2; }
for tool in node npm unzip zip zipinfo sha256sum; do
    command -v "$tool" >/dev/null || { echo "secret-scan: '$tool' not found" >&2; exit 1; }
done

ZIP=$WORK/node-package.zip
ZIP2=$WORK/node-package-2x.zip
EXTRACTED=$WORK/extracted
SL_SPEC=$BENCH_DIR/secretlint
SL_DIR=$WORK/secretlint
SECRETLINT=$SL_DIR/node_modules/.bin/secretlint
SL_RC=$SL_SPEC/.secretlintrc.json
OUT=$WORK/secret-scan
mkdir -p "$OUT"

log() { echo "secret-scan: $*" >&2; }
q() { printf '%q' "$1"; }
sha() { sha256sum "$@" | cut -d' ' -f1; }
# the zip's member paths as they are in the extracted tree: node_modules/ -> deps/
to_extracted_layout() { sed -E ':a; s#(^|/)node_modules/#\1deps/#; ta'; }

# --- (a) the bench package ---------------------------------------------------------
"$BENCH_DIR/make-node-package.sh" >&2

# --- (e) the package twice over ------------------------------------------------------
# Same entries at the root and under copy/: twice the entries, the bytes and the
# findings, built deterministically like the original (sorted, fixed timestamps).
make_double() {
    local stamp=$WORK/node-package-2x.src.sha256 sum stage
    sum=$(sha "$ZIP")
    if [[ -f $ZIP2 && -f $stamp && $(cat "$stamp") == "$sum" ]]; then
        return
    fi
    log "building $ZIP2"
    stage=$WORK/node-package-2x
    rm -rf "$stage" "$ZIP2" "$ZIP2.tmp" "$stamp"
    mkdir -p "$stage/copy"
    (
        export TZ=UTC
        umask 022
        unzip -q "$ZIP" -d "$stage"
        unzip -q "$ZIP" -d "$stage/copy"
        chmod -R u=rwX,go=rX "$stage"
        find "$stage" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-1704067200}" {} +
        cd "$stage" && find . -mindepth 1 \( -type d -o -type f \) -printf '%P\n' |
            LC_ALL=C sort | zip -X -q -@ "$ZIP2.tmp"
    )
    mv "$ZIP2.tmp" "$ZIP2"
    rm -rf "$stage"
    echo "$sum" > "$stamp"
}
make_double

# --- (b) the same files, extracted -------------------------------------------------
extract() {
    local stamp=$WORK/extracted.sha256 sum tmp d parent want_list have_list want_bytes have_bytes odd
    sum=$(sha "$ZIP")
    if [[ -d $EXTRACTED && -f $stamp && $(cat "$stamp") == "$sum" ]]; then
        return
    fi
    log "extracting $ZIP into $EXTRACTED (node_modules -> deps)"
    tmp=$EXTRACTED.tmp
    rm -rf "$EXTRACTED" "$tmp" "$stamp"
    mkdir -p "$tmp"
    unzip -q "$ZIP" -d "$tmp"
    # deepest first, so the paths still to rename stay valid
    local -a dirs=()
    mapfile -d '' dirs < <(find "$tmp" -depth -type d -name node_modules -print0)
    for d in "${dirs[@]}"; do
        parent=$(dirname "$d")
        if [[ -e $parent/deps ]]; then
            echo "secret-scan: cannot rename $d: $parent/deps exists" >&2
            exit 1
        fi
        mv "$d" "$parent/deps"
    done
    # exactly the zip's files (by path, mapped) and bytes, nothing else
    want_list=$(zipinfo -1 "$ZIP" | grep -v '/$' | to_extracted_layout | LC_ALL=C sort | sha)
    have_list=$(cd "$tmp" && find . -type f -printf '%P\n' | LC_ALL=C sort | sha)
    read -r _ _ want_bytes _ < <(zipinfo -t "$ZIP")
    have_bytes=$(find "$tmp" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }')
    odd=$(find "$tmp" ! -type f ! -type d | head -n 3)
    if [[ $want_list != "$have_list" || $want_bytes != "$have_bytes" || -n $odd ]]; then
        echo "secret-scan: $tmp does not hold exactly the files of $ZIP" \
             "(bytes: zip $want_bytes, extracted $have_bytes${odd:+; not a file or folder: $odd})" >&2
        exit 1
    fi
    mv "$tmp" "$EXTRACTED"
    echo "$sum" > "$stamp"
}
extract

# --- (c) secretlint -------------------------------------------------------------------
sl_ok=0
install_secretlint() {
    local stamp=$SL_DIR/.lock.sha256 sum
    sum=$(cat "$SL_SPEC/package.json" "$SL_SPEC/package-lock.json" | sha)
    if [[ -x $SECRETLINT && -f $stamp && $(cat "$stamp") == "$sum" ]]; then
        return 0
    fi
    log "npm ci in $SL_DIR"
    rm -rf "$SL_DIR"
    mkdir -p "$SL_DIR"
    cp "$SL_SPEC/package.json" "$SL_SPEC/package-lock.json" "$SL_DIR/"
    # secretlint 13 declares node >= 22 but runs on node 20.19+ (require(esm)); keep
    # npm's engine warning out of the way, the report prints the node version.
    (cd "$SL_DIR" && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false) >&2 || return 1
    [[ -x $SECRETLINT ]] || return 1
    echo "$sum" > "$stamp"
}
if install_secretlint; then
    sl_ok=1
else
    log "secretlint could not be installed (npm ci failed): its rows are left out"
fi
sl_version=n/a
preset_version=n/a
if ((sl_ok)); then
    sl_version=$("$SECRETLINT" --version 2>/dev/null || echo '?')
    preset_version=$(node -p 'require(process.argv[1]).version' \
        "$SL_DIR/node_modules/@secretlint/secretlint-rule-preset-recommend/package.json" 2>/dev/null || echo '?')
fi

# --- (d) the rows -----------------------------------------------------------------------
fnlint_ok=0
fnlint_version=
if command -v "$FNLINT" >/dev/null 2>&1 && [[ -x $(command -v "$FNLINT") ]]; then
    fnlint_ok=1
    fnlint_version=$("$FNLINT" --version 2>/dev/null | head -n 1 || true)
else
    log "fnlint not found at '$FNLINT' (set FNLINT=...): its rows are left out"
fi

FZ_JSON=$OUT/fnlint-zip.json
FD_JSON=$OUT/fnlint-extracted.json
F2_JSON=$OUT/fnlint-2x.json
SL_JSON=$OUT/secretlint.json
SL_TXT=$OUT/secretlint-compact.txt
rm -f "$FZ_JSON" "$FD_JSON" "$F2_JSON" "$SL_JSON" "$SL_TXT" "$OUT"/hyperfine-*.json "$OUT"/rss-* "$OUT"/stderr-*

names=()  # row label
cmds=()   # command line, words quoted with printf %q (hyperfine --shell=none splits it)
base=()   # index of the row it is compared with
runs=()   # measured runs
add() { names+=("$1"); cmds+=("$2"); base+=("$3"); runs+=("$4"); }

F=$(q "$FNLINT")
SL_GLOB="$EXTRACTED/**/*"
SL_ARGS="$(q "$SL_GLOB") --secretlintrc $(q "$SL_RC") --no-gitignore --no-color"

add "unzip -p pkg.zip (baseline)" "unzip -p $(q "$ZIP")" 0 "$RUNS"
if ((fnlint_ok)); then
    add "fnlint scan pkg.zip" "$F scan $(q "$ZIP") --format json -o $(q "$FZ_JSON")" 0 "$RUNS"
    add "fnlint scan extracted/" "$F scan $(q "$EXTRACTED") --format json -o $(q "$FD_JSON")" 0 "$RUNS"
fi
if ((sl_ok)); then
    # --no-gitignore: $BENCH_WORK is gitignored (bench/.gitignore), and secretlint 13
    # honours .gitignore files; with it the glob would match nothing.
    add "secretlint extracted/ (json)" \
        "$(q "$SECRETLINT") $SL_ARGS --format json --output $(q "$SL_JSON")" 0 "$SECRETLINT_RUNS"
    # secretlint's json formatter embeds every scanned file's content in the report
    # (~130 MB here); the compact formatter shows the cost of the scan without it.
    add "secretlint extracted/ (compact)" \
        "$(q "$SECRETLINT") $SL_ARGS --format compact --output $(q "$SL_TXT")" 0 "$SECRETLINT_RUNS"
fi
i2=${#cmds[@]}
add "unzip -p pkg-2x.zip (2x baseline)" "unzip -p $(q "$ZIP2")" "$i2" "$RUNS"
if ((fnlint_ok)); then
    add "fnlint scan pkg-2x.zip" "$F scan $(q "$ZIP2") --format json -o $(q "$F2_JSON")" "$i2" "$RUNS"
fi

# Probe runs under /usr/bin/time: the exit code (first run), the peak RSS (largest of
# RSS_RUNS runs) and the reports the findings come from. A row whose exit code says
# usage error or crash measures nothing. fnlint exits 1 when it reports findings;
# secretlint exits 0 with --output even when it found something (1 without it).
codes=()
rss=()   # KiB
for i in "${!cmds[@]}"; do
    c=${cmds[$i]}
    log "probe: ${names[$i]}"
    peak=
    for ((r = 0; r < RSS_RUNS; r++)); do
        set +e
        if [[ -n $TIME_BIN ]]; then
            bash -c "exec $TIME_BIN -f %M -o $(q "$OUT/rss-$i") $c" >/dev/null 2>"$OUT/stderr-$i"
        else
            bash -c "$c" >/dev/null 2>"$OUT/stderr-$i"
        fi
        rc=$?
        set -e
        ((r == 0)) && codes[i]=$rc
        if [[ -n $TIME_BIN ]]; then
            # GNU time writes "Command exited with non-zero status N" before the format
            kb=$(tail -n 1 "$OUT/rss-$i" 2>/dev/null || true)
            if [[ $kb =~ ^[0-9]+$ ]] && [[ -z $peak || $kb -gt $peak ]]; then peak=$kb; fi
        else
            break
        fi
    done
    rss[i]=${peak:-n/a}
done

# Timing: one hyperfine call per row, so that the slow secretlint rows can have fewer
# runs; the rows still run one after the other in this same invocation.
medians=()   # milliseconds
if [[ -n $HYPERFINE ]]; then
    method="hyperfine $("$HYPERFINE" --version | awk '{print $2}') --shell=none (warmup $WARMUP, runs $RUNS, secretlint runs $SECRETLINT_RUNS, median)"
    for i in "${!cmds[@]}"; do
        "$HYPERFINE" --style basic --ignore-failure --shell=none --warmup "$WARMUP" --runs "${runs[$i]}" \
            --command-name "${names[$i]}" --export-json "$OUT/hyperfine-$i.json" "${cmds[$i]}" >&2
        medians[i]=$(node -p '(require(process.argv[1]).results[0].median * 1000).toFixed(1)' \
            "$OUT/hyperfine-$i.json" 2>/dev/null || echo n/a)
    done
else
    method="fallback loop: date +%s%N around bash -c (warmup $WARMUP, runs $RUNS, secretlint runs $SECRETLINT_RUNS, median)"
    for i in "${!cmds[@]}"; do
        log "timing: ${names[$i]}"
        c=${cmds[$i]}
        for ((k = 0; k < WARMUP; k++)); do bash -c "$c" >/dev/null 2>&1 || true; done
        samples=()
        for ((k = 0; k < runs[i]; k++)); do
            t0=$(date +%s%N)
            bash -c "$c" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            samples+=("$((t1 - t0))")
        done
        medians[i]=$(printf '%s\n' "${samples[@]}" | sort -n | awk '
            { v[NR] = $1 }
            END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1e6 }')
    done
fi
for i in "${!cmds[@]}"; do
    [[ ${medians[$i]:-} =~ ^[0-9.]+$ ]] || medians[i]=n/a
done

# --- (f) the report -------------------------------------------------------------------------
mib() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k / 1024; else print "n/a" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
describe_zip() {
    local entries unzipped
    read -r entries _ unzipped _ < <(zipinfo -t "$1")
    echo "$(mb "$(stat -c %s "$1")") zipped, $(mb "$unzipped") unzipped, $entries entries"
}
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
ex_files=$(find "$EXTRACTED" -type f | wc -l)
ex_bytes=$(find "$EXTRACTED" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }')

echo
echo "secret-scan benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr)"
echo "package:    $ZIP ($(describe_zip "$ZIP"))"
echo "2x package: $ZIP2 ($(describe_zip "$ZIP2"))"
echo "extracted:  $EXTRACTED ($ex_files files, $(mb "$ex_bytes"); the zip's files, node_modules/ renamed deps/)"
echo "fnlint:     $( ((fnlint_ok)) && echo "$FNLINT ($fnlint_version)" || echo "not found ($FNLINT)")"
echo "secretlint: $( ((sl_ok)) && echo "secretlint $sl_version, @secretlint/secretlint-rule-preset-recommend $preset_version, node $(node --version)" || echo "not installed")"
echo "method:     $method; peak RSS: $( [[ -n $TIME_BIN ]] && echo "/usr/bin/time -f %M, largest of $RSS_RUNS runs" || echo "n/a (no /usr/bin/time: apt-get install time)")"
echo
printf '%-34s %11s %9s %14s %6s\n' "command" "median ms" "ratio" "peak RSS MiB" "exit"
printf '%-34s %11s %9s %14s %6s\n' "-------" "---------" "-----" "------------" "----"
for i in "${!cmds[@]}"; do
    ratio=$(awk -v a="${medians[$i]}" -v b="${medians[${base[$i]}]}" \
        'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.3f", a / b; else print "n/a" }')
    printf '%-34s %11s %9s %14s %6s\n' "${names[$i]}" "${medians[$i]}" "$ratio" "$(mib "${rss[$i]}")" "${codes[$i]}"
done
echo "(ratio: to the unzip -p row of the same package, measured in this run)"
for i in "${!cmds[@]}"; do
    case ${codes[$i]} in
        0) ;;
        1) [[ ${names[$i]} == fnlint* ]] ||
               echo "warning: '${names[$i]}' exited 1 (stderr: $OUT/stderr-$i)" ;;
        *) echo "warning: '${names[$i]}' exited ${codes[$i]}: that row measures nothing useful (stderr: $OUT/stderr-$i)" ;;
    esac
done
if ((fnlint_ok)); then
    r1=${rss[1]}
    r2=${rss[$((${#cmds[@]} - 1))]}
    growth=$(awk -v a="$r1" -v b="$r2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", b / a; else print "n/a" }')
    echo
    echo "fnlint peak RSS by package size: pkg.zip $(mib "$r1") MiB, pkg-2x.zip $(mib "$r2") MiB ($growth for 2x the entries and bytes)"
fi
echo
node "$BENCH_DIR/secret-scan-report.js" --extracted "$EXTRACTED" --zip "$ZIP" \
    --fnlint-zip "$( ((fnlint_ok)) && echo "$FZ_JSON")" \
    --fnlint-dir "$( ((fnlint_ok)) && echo "$FD_JSON")" \
    --secretlint "$( ((sl_ok)) && echo "$SL_JSON")" \
    --limit "$LIMIT" || echo "warning: the findings report failed"
echo
echo "reports and raw timings: $OUT"
exit 0
