#!/usr/bin/env bash
# Build dist/orders.zip (CodeUri of OrdersFunction) from src/orders/.
#
# The zip is reproducible: same sources + same package-lock.json => same bytes.
#   ./build.sh                 # stage "prod" settings
#   STAGE=dev ./build.sh
set -euo pipefail

cd "$(dirname "$0")"
APP_DIR=$PWD
SRC=$APP_DIR/src/orders
OUT=$APP_DIR/dist/orders.zip
STAGE=${STAGE:-prod}

# Fixed timestamp and zone for every entry, so the archive only changes when content does.
export TZ=UTC
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1704067200}   # 2024-01-01T00:00:00Z
umask 022

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PKG=$WORK/orders

echo "==> staging $SRC"
mkdir -p "$PKG"
tar -C "$SRC" --exclude=node_modules -cf - . | tar -C "$PKG" -xf -

echo "==> installing production dependencies"
(cd "$PKG" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)

# git checkouts and npm tarballs come with whatever modes they had: normalise them.
chmod -R u=rwX,go=rX "$PKG"

echo "==> rendering config/settings.json for stage '$STAGE'"
mkdir -p "$PKG/config"
settings=$(mktemp)
node -e '
  const pkg = require(process.argv[1]);
  const stage = process.argv[2];
  const settings = {
    service: "orders",
    stage,
    version: pkg.version,
    currency: "EUR",
    maxItemsPerOrder: stage === "prod" ? 25 : 100,
    maxQuantityPerItem: 100,
  };
  process.stdout.write(JSON.stringify(settings, null, 2) + "\n");
' "$PKG/package.json" "$STAGE" > "$settings"
mv "$settings" "$PKG/config/settings.json"

echo "==> zipping"
find "$PKG" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
(cd "$PKG" && find . -mindepth 1 -type f -printf '%P\n' | LC_ALL=C sort | zip -X -q -9 "$OUT" -@)

echo "==> $(basename "$OUT"): $(stat -c %s "$OUT") bytes, $(zipinfo -1 "$OUT" | wc -l) entries"
sha256sum "$OUT"
