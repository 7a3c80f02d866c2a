#!/usr/bin/env bash
# Builds planmap.exe for 64-bit Windows 10+ on a Debian 12 machine, from this checkout.
#
#   tools/build-windows.sh            release build → target-win/x86_64-pc-windows-gnu/release/planmap.exe
#   tools/build-windows.sh --tests [ARGS]  the test suite (release profile, so it shares the
#                                     release build's dependencies) run under Wine; ARGS go to
#                                     cargo test (e.g. --test paths, --no-run, -- --skip NAME)
#   tools/build-windows.sh --check    only `cargo check` for Windows (what CI would run)
#
# No Windows standard library ships for rustup here, so it uses Debian's rustc-web with the
# exact std sources of that compiler (rust-web-src) and builds std itself (-Zbuild-std, allowed
# on a stable compiler by RUSTC_BOOTSTRAP=1); mingw-w64 links. Debian's cargo must come first on
# PATH, or rustup's (which has no such std) shadows it.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

need=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

TARGET=x86_64-pc-windows-gnu
export PATH=/usr/bin:$PATH
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target-win}
export CARGO_PROFILE_RELEASE_STRIP=symbols
# The same bytes wherever the checkout and the cargo home are.
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="--remap-path-prefix=$REPO=planmap --remap-path-prefix=$CARGO_HOME=cargo --remap-path-prefix=/usr/lib/rustlib/src/rust=rust"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}

build_std=(-Zbuild-std=std,panic_abort --target "$TARGET")
cargo --version >&2
case "${1:-}" in
    --check) exec nice -n 15 cargo check --locked "${build_std[@]}" --all-targets ;;
    --tests) shift
             WINEPREFIX=$(tools/wine/prefix.sh); export WINEPREFIX
             # Built here, the tests know the checkout by its Unix path (env!("CARGO_MANIFEST_DIR"),
             # e.g. /work/planmap). Copied into C:\users\…\Temp, a layout naming that path
             # means C:\work\planmap: link it there too, so it names the same folder.
             top=${REPO#/}; top=/${top%%/*}
             [ -e "$WINEPREFIX/drive_c$top" ] || ln -s "$top" "$WINEPREFIX/drive_c$top"
             export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
             exec nice -n 15 cargo test --release --locked "${build_std[@]}" "$@" ;;
    "") nice -n 15 cargo build --release --locked "${build_std[@]}" ;;
    *) echo "usage: $0 [--tests|--check]" >&2; exit 2 ;;
esac
exe=$CARGO_TARGET_DIR/$TARGET/release/planmap.exe
ls -l "$exe"
sha256sum "$exe"
