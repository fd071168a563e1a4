#!/usr/bin/env bash
# Builds fnlint, its tests and its fuzz targets with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang-14) in build-asan/, then runs the whole
# test suite there. Any sanitizer report fails the test that triggered it.
#   scripts/sanitize.sh [CTEST_ARGS...]
# The C++ handler module (fnlint-cpp, LibTooling) is left out: linking it
# with ASan doubles the build for code the other tests already cover.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh --test

build_dir=${FNLINT_ASAN_BUILD_DIR:-build-asan}
if [[ ! -f "$build_dir/build.ninja" ]]; then
  echo "fnlint: configuring $build_dir/ (clang-14, ASan + UBSan)" >&2
  mkdir -p "$build_dir"
  launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFNLINT_SANITIZE=ON -DFNLINT_BUILD_FUZZERS=ON -DFNLINT_BUILD_CPP_MODULE=OFF "${launcher[@]}" \
    > "$build_dir/configure.log" 2>&1 || { cat "$build_dir/configure.log" >&2; exit 1; }
fi
echo "fnlint: building $build_dir/ (log: $build_dir/build.log)" >&2
if ! ninja -C "$build_dir" -j "$(nproc)" > "$build_dir/build.log" 2>&1; then
  tail -n 60 "$build_dir/build.log" >&2
  exit 1
fi

# Leaks are errors too; a report stops the process with a stack trace.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" "$@"
