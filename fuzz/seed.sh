#!/usr/bin/env bash
# Builds the seed corpus of each fuzz target from fixtures/, examples/ and docs/.
#
#   fuzz/seed.sh OUT_DIR [TARGET...]    default: every target; writes OUT_DIR/<target>/
#
# Seeds are small copies (at most 64 KiB each), named by the hash of their
# content, so running it twice adds nothing. Corpora are generated, never
# committed; fuzz/regressions/<target>/ holds the inputs that once crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: fuzz/seed.sh OUT_DIR [TARGET...]}
shift
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(archive template policy secrets python node config)
max_bytes=65536

# add TARGET PREFIX_BYTE FILE...: copies each file, after PREFIX_BYTE (two hex
# digits, or "" for none) for the targets whose first byte picks a mode.
add() {
  local target=$1 prefix=$2 f sum dir="$out/fuzz_$1"
  shift 2
  mkdir -p "$dir"
  for f in "$@"; do
    [[ -f "$f" ]] || continue
    [[ $(stat -c %s "$f") -le $max_bytes ]] || continue
    sum=$( { [[ -z "$prefix" ]] || printf "\\x$prefix"; cat "$f"; } | sha1sum | cut -c1-16)
    { [[ -z "$prefix" ]] || printf "\\x$prefix"; cat "$f"; } > "$dir/$sum"
  done
}

files() { find "$@" -type f 2>/dev/null | LC_ALL=C sort; }

# Small archives of the shapes the reader must handle: deflated and stored
# entries, folders, Unix modes, symlinks (inside and escaping), `../` names, a
# zip and a jar nested in a zip, an empty archive and an encrypted entry.
make_zips() {
  local dir="$out/fuzz_archive" tmp
  mkdir -p "$dir"
  tmp=$(mktemp -d)
  python3 - "$dir" <<'PY'
import io, stat, sys, zipfile
out = sys.argv[1]
def build(name, entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for arc, data, mode in entries:
            info = zipfile.ZipInfo(arc)
            info.compress_type = method
            if mode is not None:
                info.external_attr = mode << 16
                info.create_system = 3
            z.writestr(info, data)
    data = buf.getvalue()
    open(f"{out}/seed-{name}.zip", "wb").write(data)
    return data
handler = b"import boto3\ndef lambda_handler(event, context):\n    return boto3.client('s3').list_buckets()\n"
js = b"exports.handler = async (event) => { return event; };\n"
plain = build("plain", [("app.py", handler, 0o100644), ("lib/", b"", 0o40755),
                        ("index.js", js, 0o100644), ("bootstrap", b"#!/bin/sh\n", 0o100755)])
build("stored", [("app.py", handler, None), (".env", b"AWS_SECRET_ACCESS_KEY=abc\n", None)], zipfile.ZIP_STORED)
build("symlinks", [("inside", b"app.py", stat.S_IFLNK | 0o777), ("escape", b"../../etc/passwd", stat.S_IFLNK | 0o777),
                   ("../evil.py", handler, 0o100644), ("/abs.txt", b"x", 0o100644), ("app.py", handler, 0o100644)])
nested = build("nested", [("inner.zip", plain, 0o100644), ("lib/dep.jar", plain, 0o100644)], zipfile.ZIP_STORED)
build("nested2", [("outer/inner.zip", nested, 0o100644)], zipfile.ZIP_STORED)
build("empty", [])
PY
  printf 'secret\n' > "$tmp/key.txt"
  (cd "$tmp" && zip -q -P password enc.zip key.txt) && cp "$tmp/enc.zip" "$dir/seed-encrypted.zip"
  rm -rf "$tmp"
}

for t in "${targets[@]}"; do
  case $t in
    archive)
      make_zips
      add archive "" $(files examples -name '*.zip' -size -64k) ;;
    template)
      # The first byte picks the file name: 00 template.yaml, 01 template.json, 02 serverless.yml, 03 plan.json.
      add template 00 $(files fixtures/lambda fixtures/iam examples -name '*.yaml' -o -name 'template*.yml')
      add template 01 $(files fixtures/lambda fixtures/config/lambda-api fixtures/iam -name '*.json' -not -name '*.expect.*')
      add template 02 $(files fixtures/config/serverless -name '*.yml' -o -name '*.yaml')
      add template 03 $(files fixtures/config/terraform -name '*.json' -not -name '*.expect.*')
      # The committed hostile inputs: alias bombs, duplicate keys, circular references.
      add template 00 $(files fixtures/hostile -name '*.yaml' -not -name 'cases.yaml')
      add template 01 $(files fixtures/hostile -name '*.json') ;;
    policy)
      add policy "" $(files fixtures/iam fixtures/permissions -name '*.json' -not -name '*.expect.*') ;;
    secrets)
      # The first byte picks the path and mode (see fuzz_secrets.cpp): 00 app.py, 02 .env, 06 id_rsa.
      add secrets 00 $(files fixtures/secrets -not -name '*.expect.*' -not -name '*.zip')
      add secrets 02 $(files fixtures/secrets -name '*.env' -o -name '.env*')
      add secrets 06 $(files fixtures/secrets -name '*.pem' -o -name 'id_*') ;;
    python)
      add python "" $(files fixtures examples -name '*.py') ;;
    node)
      add node "" $(files fixtures examples -name '*.js' -o -name '*.mjs' -o -name '*.ts' -not -name '*.d.ts') ;;
    config)
      mkdir -p "$out/fuzz_config"
      # Every ```yaml block of the configuration guide is a seed.
      awk -v dir="$out/fuzz_config" '
        /^```yaml/ { n++; file = dir "/docs-" n ".yaml"; inblock = 1; next }
        /^```/ { inblock = 0; next }
        inblock { print > file }' docs/configuration.md docs/limits.md
      add config "" $(files fixtures examples -name '.fnlint.yaml' -o -name '.fnlint.yml') ;;
    *) echo "fuzz/seed.sh: unknown target $t" >&2; exit 2 ;;
  esac
done
for t in "${targets[@]}"; do
  echo "fuzz_$t: $(find "$out/fuzz_$t" -type f | wc -l) seeds"
done
