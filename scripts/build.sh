#!/usr/bin/env bash
# Configures (once) and builds fnlint into build/. Used by demo.sh and test.sh.
#   scripts/build.sh [TARGET...]      default: everything
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh ${FNLINT_DEPS_FLAGS:-}

build_dir=${FNLINT_BUILD_DIR:-build}
if [[ ! -f "$build_dir/build.ninja" ]]; then
  echo "fnlint: configuring $build_dir/" >&2
  mkdir -p "$build_dir"
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${FNLINT_BUILD_TYPE:-RelWithDebInfo}" \
    > "$build_dir/configure.log" 2>&1 || { cat "$build_dir/configure.log" >&2; exit 1; }
fi
# Quiet on rebuilds; a word before the first, long build; the log only when
# the build fails. (ninja -n cannot tell: with CMake's CONFIGURE_DEPENDS globs
# it always plans a re-check.)
if [[ ! -x "$build_dir/cli/fnlint" ]]; then
  echo "fnlint: building ${*:-everything}, a few minutes the first time (log: $build_dir/build.log)" >&2
fi
if ! ninja -C "$build_dir" -j "$(nproc)" "$@" > "$build_dir/build.log" 2>&1; then
  tail -n 60 "$build_dir/build.log" >&2
  exit 1
fi
