#!/usr/bin/env bash
# Installs the Debian 12 packages fnlint needs to build and test, when they are missing.
# Used by both README commands and by .ci/run. As root it runs apt-get itself; as another
# user it names the missing packages and stops, because it cannot install them.
#
#   scripts/ensure-deps.sh          build dependencies only
#   scripts/ensure-deps.sh --test   also what the test suite needs (Node.js/npm for SARIF validation)
#                                   and Chromium for the HTML report test)
#   scripts/ensure-deps.sh --test   also what the test suite needs (Node.js/npm for SARIF validation,
#                                   clang's sanitizer and libFuzzer runtimes for scripts/sanitize.sh)
set -euo pipefail

build_pkgs=(
  build-essential cmake ninja-build pkg-config git zip unzip
  clang-14 llvm-14-dev libclang-14-dev libclang-cpp14-dev
  nlohmann-json3-dev libre2-dev libzip-dev zlib1g-dev libyaml-cpp-dev libcli11-dev
  libgtest-dev libgmock-dev
)
test_pkgs=()

if [[ "${1:-}" == "--test" ]]; then
  # tests/e2e/ExportAccountTest.cpp runs scripts/export-account (Python 3, standard library only).
  test_pkgs+=(python3)
  # libclang_rt.asan/ubsan/fuzzer for the sanitizer build and the fuzz targets.
  test_pkgs+=(libclang-rt-14-dev)
  # SARIF validation runs Microsoft's Sarif.Multitool and ajv from npm. Any Node.js >= 18 will
  # do, so a machine that already has node and npm (e.g. from NodeSource) keeps them.
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    test_pkgs+=(nodejs npm)
  fi
  # tests/e2e/HtmlReportTest.cpp loads the HTML report in headless Chromium.
  test_pkgs+=(chromium)
  # tests/e2e/PreCommitTest.cpp runs .pre-commit-hooks.yaml with the pre-commit framework.
  test_pkgs+=(pre-commit)
fi

missing=()
for pkg in "${build_pkgs[@]}" "${test_pkgs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "fnlint: missing Debian packages: ${missing[*]}" >&2
  echo "fnlint: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi

echo "fnlint: installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh container has no package lists yet; refresh them once if an install fails.
if ! apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; then
  apt-get update -qq
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
