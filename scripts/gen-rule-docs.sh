#!/usr/bin/env bash
# Regenerates docs/rules/ from the rule catalogue (rules/**/*.yaml, embedded in
# the binary): one page per rule, `fnlint explain ID`, and the index. The test
# suite fails when they drift (tests/e2e/CliTest.cpp, RuleDocsAreGenerated...).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh fnlint
fnlint=build/cli/fnlint
rm -rf docs/rules
mkdir -p docs/rules
"$fnlint" rules --format markdown > docs/rules/README.md
"$fnlint" rules | while read -r id _; do
  mkdir -p "docs/rules/$(dirname "$id")"
  "$fnlint" explain "$id" > "docs/rules/$id.md"
done
echo "fnlint: regenerated docs/rules/ ($(find docs/rules -name '*.md' | wc -l) pages)"
