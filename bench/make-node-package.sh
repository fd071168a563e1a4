#!/usr/bin/env bash
# Build the package-scan benchmark input: a typical bloated Node.js Lambda package
# (aws-sdk v2 + two SDK v3 clients + lodash, moment, axios; node_modules at the zip
# root, plus a tiny index.js).
#
#   bench/make-node-package.sh [--force]
#
# Dependency versions are pinned by bench/node-package/package.json and its lock
# file, and the zip is written with sorted entries and fixed timestamps, so the
# same lock file gives the same archive on any machine.
#
# Environment:
#   BENCH_WORK   cache directory (default: bench/.work, gitignored)
#
# Output: $BENCH_WORK/node-package.zip; prints its zipped size, unzipped size and
# entry count. Rebuilds only when the lock file changed (or with --force).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SPEC_DIR=$BENCH_DIR/node-package
WORK=${BENCH_WORK:-$BENCH_DIR/.work}
ZIP=$WORK/node-package.zip
STAMP=$WORK/node-package.lock.sha256
FORCE=0
[[ ${1:-} == --force ]] && FORCE=1

for tool in npm zip zipinfo sha256sum; do
    command -v "$tool" >/dev/null || { echo "make-node-package: '$tool' not found" >&2; exit 1; }
done

mkdir -p "$WORK"
lock_sum=$(cat "$SPEC_DIR/package.json" "$SPEC_DIR/package-lock.json" | sha256sum | cut -d' ' -f1)

if [[ $FORCE == 0 && -f $ZIP && -f $STAMP && $(cat "$STAMP") == "$lock_sum" ]]; then
    echo "make-node-package: $ZIP is up to date"
else
    export TZ=UTC
    SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1704067200}   # 2024-01-01T00:00:00Z
    umask 022

    stage=$WORK/node-package
    rm -rf "$stage" "$ZIP" "$STAMP"
    mkdir -p "$stage"
    cp "$SPEC_DIR/package.json" "$SPEC_DIR/package-lock.json" "$stage/"

    echo "make-node-package: npm ci in $stage"
    # --ignore-scripts: aws-sdk@2 has an install script (a notice only); keep the tree deterministic.
    (cd "$stage" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)

    cat > "$stage/index.js" <<'EOF'
'use strict';
const AWS = require('aws-sdk');
const { S3Client } = require('@aws-sdk/client-s3');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const _ = require('lodash');
const moment = require('moment');
const axios = require('axios');

exports.handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({
    sdk: AWS.VERSION,
    clients: [S3Client.name, DynamoDBClient.name],
    keys: _.keys(event || {}),
    at: moment.utc().toISOString(),
    http: typeof axios.get,
  }),
});
EOF

    # The zip holds node_modules/ and index.js at its root (not package.json, as a
    # bundler-less deploy script would). Symlinks (node_modules/.bin) are left out.
    chmod -R u=rwX,go=rX "$stage"
    find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    echo "make-node-package: zipping"
    (cd "$stage" &&
        { echo index.js; find node_modules \( -type d -o -type f \) -print; } |
        LC_ALL=C sort | zip -X -q -@ "$ZIP.tmp")
    mv "$ZIP.tmp" "$ZIP"
    echo "$lock_sum" > "$STAMP"
    rm -rf "$stage"
fi

zipped=$(stat -c %s "$ZIP")
# zipinfo -t: "N files, U bytes uncompressed, C bytes compressed:  R%"
read -r entries _ unzipped _ < <(zipinfo -t "$ZIP")
files=$(zipinfo -1 "$ZIP" | grep -vc '/$' || true)
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
echo "node-package.zip: $ZIP"
echo "  zipped:   $zipped bytes ($(mb "$zipped"))"
echo "  unzipped: $unzipped bytes ($(mb "$unzipped"))"
echo "  entries:  $entries ($files files, $((entries - files)) directories)"
echo "  sha256:   $(sha256sum "$ZIP" | cut -d' ' -f1)"
