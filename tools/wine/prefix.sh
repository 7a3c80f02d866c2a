#!/usr/bin/env bash
# A Wine prefix that runs planmap.exe (test support: smoke-windows.sh, test-windows.sh).
# Prints the prefix's path. WINEPREFIX defaults to target-win/wine-prefix.
set -euo pipefail
cd "$(dirname "$0")/../.."
need=(wine wine64 gcc-mingw-w64-x86-64)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi
# Wine converts names with the Unix locale's charset: 中文路径 need a UTF-8 Chinese locale.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN.utf-\?8$'; then
    dpkg -s locales >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends locales >&2
    grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen
    locale-gen >&2
fi
export WINEPREFIX=${WINEPREFIX:-$(pwd)/target-win/wine-prefix}
export WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    mkdir -p "$WINEPREFIX"
    wineboot --init >&2
    wineserver --wait
fi
dll=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
if [ ! -f "$dll" ] || [ tools/wine/bcryptprimitives.c -nt "$dll" ]; then
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dll" tools/wine/bcryptprimitives.c -ladvapi32
fi
echo "$WINEPREFIX"
