#!/usr/bin/env bash
# Configures (once) and builds fnlint into build/. Used by demo.sh and test.sh.
#   scripts/build.sh [TARGET...]      default: everything
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh ${FNLINT_DEPS_FLAGS:-}

build_dir=${FNLINT_BUILD_DIR:-build}
if [[ ! -f "$build_dir/build.ninja" ]]; then
  echo "fnlint: configuring $build_dir/" >&2
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${FNLINT_BUILD_TYPE:-RelWithDebInfo}" \
    > "$build_dir.configure.log" 2>&1 || { cat "$build_dir.configure.log" >&2; exit 1; }
fi
# Quiet when there is nothing to do; the full log only when the build fails.
# (ninja -n lists the steps it would run; "no work to do" lists none.)
plan=$(ninja -C "$build_dir" -n "$@" 2>&1 || true)
if [[ "$plan" == *"no work to do"* ]]; then
  exit 0
fi
echo "fnlint: building ${*:-everything} (log: $build_dir/build.log)" >&2
if ! ninja -C "$build_dir" -j "$(nproc)" "$@" > "$build_dir/build.log" 2>&1; then
  tail -n 60 "$build_dir/build.log" >&2
  exit 1
fi
