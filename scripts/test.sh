#!/usr/bin/env bash
# The README's second command, and what .ci/run calls: installs missing Debian
# packages (as root), builds everything once and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
FNLINT_DEPS_FLAGS=--test scripts/build.sh
# The SARIF validators (npm) are installed by the first test that needs them.
ctest --test-dir "${FNLINT_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"
