#!/usr/bin/env bash
# Runs every fuzz target (or those named) for a bounded time from its seed
# corpus, the committed regressions and the dictionaries. Fails when a target
# crashes, leaks, trips a sanitizer, exceeds 2 GB or spends 10 s on one input;
# the input that did it is saved in build-asan/fuzz-artifacts/<target>/.
#   FNLINT_FUZZ_SECONDS=60 scripts/fuzz.sh [TARGET...]
# Needs the sanitizer build (scripts/sanitize.sh builds it; this script
# builds only the fuzz targets when they are missing).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FNLINT_FUZZ_SECONDS:-60}
build_dir=${FNLINT_ASAN_BUILD_DIR:-build-asan}
work=${FNLINT_FUZZ_WORK:-$build_dir/fuzz-work}
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(archive template policy secrets python node config)

if [[ ! -f "$build_dir/build.ninja" ]]; then
  echo "fnlint: no $build_dir/; run scripts/sanitize.sh first" >&2
  exit 2
fi
ninja -C "$build_dir" -j "$(nproc)" "${targets[@]/#/fuzz_}" > "$build_dir/fuzz-build.log" 2>&1 ||
  { tail -n 60 "$build_dir/fuzz-build.log" >&2; exit 1; }

mkdir -p "$work/corpus"
fuzz/seed.sh "$work/corpus" "${targets[@]}" > /dev/null

declare -A dict=([archive]=zip [template]=template [policy]=policy [config]=config)
failed=()
printf '%-10s %12s %8s %s\n' target executions exec/s result
for t in "${targets[@]}"; do
  artifacts="$build_dir/fuzz-artifacts/$t"
  mkdir -p "$artifacts"
  args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
        -artifact_prefix="$artifacts/")
  [[ -n "${dict[$t]:-}" ]] && args+=(-dict="fuzz/dict/${dict[$t]}.dict")
  dirs=("$work/corpus/fuzz_$t")
  [[ -d "fuzz/regressions/$t" ]] && dirs+=("fuzz/regressions/$t")
  log="$work/fuzz_$t.log"
  result=ok
  # New inputs go to the first folder (the generated corpus), never to fuzz/regressions/.
  "$build_dir/fuzz/fuzz_$t" "${args[@]}" "${dirs[@]}" > "$log" 2>&1 || result=FAILED
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  printf '%-10s %12s %8s %s\n' "$t" "${execs:-?}" "${rate:-?}" "$result"
  if [[ $result != ok ]]; then
    failed+=("$t")
    grep -E 'ERROR|SUMMARY|Test unit written|^    #[0-9]' "$log" | head -n 40 >&2 || tail -n 40 "$log" >&2
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fnlint: fuzz targets failed: ${failed[*]} (logs: $work/, inputs: $build_dir/fuzz-artifacts/)" >&2
  exit 1
fi
