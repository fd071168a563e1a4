#!/usr/bin/env bash
# The README's first command: builds fnlint if needed, scans the bundled example app,
# prints the human report and writes fnlint.sarif for GitHub code scanning.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh fnlint fnlint-cpp

fnlint=build/cli/fnlint
status=0
"$fnlint" scan examples/ || status=$?
"$fnlint" scan examples/ --format sarif --output fnlint.sarif --quiet || true

case $status in
  0) echo "fnlint: no findings at or above warning; SARIF written to fnlint.sarif" ;;
  1) echo "fnlint: exit status 1 (findings at or above warning, as a CI gate would fail); SARIF written to fnlint.sarif" ;;
  *) echo "fnlint: exit status $status (error)" >&2; exit "$status" ;;
esac
