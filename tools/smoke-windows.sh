#!/usr/bin/env bash
# planmap.exe from the Windows zip, under Wine, against the Linux build of the same sources:
#   1. check, show, new, draft and every export kind: output files and printed text compared
#      byte for byte with the Linux binary's;
#   2. the window as a user starts it (Explorer's way, `start`, from another folder, on a
#      Chinese Windows locale): screenshot, no console window, the settings file under %APPDATA%.
#   tools/smoke-windows.sh [LINUX_PLANMAP] [SHOT.png]
# Defaults: target/release/planmap, target-win/windows-map-zh.png.
# Needs dist/planmap-windows-x86_64.zip (tools/package.sh --zip) and the seeds in ../shared
# (or $SHARED).
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
linux=$(realpath "${1:-target/release/planmap}")
shot=${2:-$REPO/target-win/windows-map-zh.png}
zip=dist/planmap-windows-x86_64.zip
[ -x "$linux" ] || { echo "no Linux planmap at $linux (cargo build --release)"; exit 2; }
[ -f "$zip" ] || { echo "no $zip (tools/package.sh --zip)"; exit 2; }
seed=${SHARED:-$REPO/../shared}/seeds/000_9363dbbd475e6e70.txt
[ -f "$seed" ] || { echo "missing $seed: ../shared must be beside the checkout (or set SHARED)"; exit 2; }

export WINEPREFIX; WINEPREFIX=$(tools/wine/prefix.sh)
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Both sides in a Chinese UTF-8 locale (Wine converts arguments and names with its charset).
export LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
smoke=$REPO/target-win/smoke
rm -rf "$smoke" && mkdir -p "$smoke"
# Where a planner would unzip it: a Chinese folder name with a space.
home="$smoke/规划 工具"
mkdir -p "$home" && (cd "$home" && unzip -q "$REPO/$zip")
exe="$home/planmap/planmap.exe"
pass=0 fail=0 nearly=0
# Two SVGs alike but for coordinates 0.01 apart: sin and cos come from the platform's C library
# (glibc, mingw-w64's msvcrt), which may differ in the last bit, and 2 decimals can show it.
near() {
    python3 - "$1" "$2" <<'PY'
import re, sys
a, b = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
num = re.compile(r"-?\d+\.\d+")
if not sys.argv[1].endswith(".svg") or num.sub("#", a) != num.sub("#", b):
    sys.exit(1)
pairs = [(x, y) for x, y in zip(num.findall(a), num.findall(b)) if x != y]
worst = max(abs(float(x) - float(y)) for x, y in pairs)
if worst > 0.0101:
    sys.exit(1)
print(f"{len(pairs)} of {len(num.findall(a))} coordinates differ by at most {worst:.2f} px (platform sin/cos)")
PY
}
ok() { echo "ok    $*"; pass=$((pass + 1)); }
bad() { echo "FAIL  $*"; fail=$((fail + 1)); }

# Both binaries run in twin folders holding the same inputs, with the same relative arguments,
# so every path they print or write is the same text.
for side in linux win; do
    mkdir -p "$smoke/$side/布局 文件" "$smoke/$side/导出"
    cp -r "$home/planmap/layouts" "$home/planmap/assets" "$smoke/$side/"
    cp "$seed" "$smoke/$side/布局 文件/宝鸡 规划.txt"
done
run() { # side name args...: stdout+exit code to $smoke/<side>/<name>.out
    local side=$1 name=$2; shift 2
    if [ "$side" = linux ]; then
        (cd "$smoke/linux" && "$linux" "$@" > "$name.out" 2> "$name.err"; echo "exit $?" >> "$name.out")
    else
        (cd "$smoke/win" && wine "$exe" "$@" > "$name.out" 2> "$name.err"; echo "exit $?" >> "$name.out")
    fi
}
both() { run linux "$@"; run win "$@"; }
both check check layouts/baoji.toml layouts/qujing.toml layouts/liangshan.toml layouts/shapingba.toml layouts/renhe.toml
both show show layouts/baoji.toml 眉县
both new new 眉县 --out "布局 文件/眉县 新建.toml"
both draft draft "布局 文件/宝鸡 规划.txt" --out "布局 文件/宝鸡 草稿.toml"
both png export layouts/baoji.toml --out "导出/宝鸡 地图.png"
both png2 export layouts/qujing.toml --out "导出/曲靖 地图@2x.png" --size 800x600 --scale 2
both svg export layouts/baoji.toml --out "导出/宝鸡 地图.svg"
both geojson export layouts/baoji.toml --out "导出/宝鸡 地图.geojson"
both step export layouts/baoji.toml --out "导出/宝鸡 第二步.png" --step 2
both steps export layouts/shapingba.toml --out "导出/沙坪坝 步骤.png" --all-steps --size 800x600
both diagram export layouts/renhe.toml --out "导出/仁和 结构图.svg" --diagram
both diagram-png export layouts/liangshan.toml --out "导出/梁山 结构图.png" --diagram
both indicators export layouts/renhe.toml --out "导出/仁和 指标.png" --indicators
both indicators-svg export layouts/baoji.toml --out "导出/宝鸡 指标.svg" --indicators
both plain export --boundaries assets/boundaries/qujing.geojson --out "导出/曲靖 边界.png" --color-by name
both plain-svg export --boundaries assets/boundaries/baoji.geojson --out "导出/宝鸡 边界.svg"

# The draft says how long it took: the one part that may differ.
sed -i -E 's/ in [0-9]+ ms$/ in … ms/' "$smoke"/*/draft.out
# Paths planmap makes (the --all-steps names) use the platform's separator.
sed -i 's|\\|/|g' "$smoke"/win/steps.out
for f in "$smoke"/linux/*.out; do
    name=$(basename "$f" .out)
    if cmp -s "$f" "$smoke/win/$name.out"; then ok "$name: same output and exit code ($(tail -1 "$f"))"; else bad "$name: printed output differs"; diff "$f" "$smoke/win/$name.out" | head -5; fi
done
# Every file either side wrote (exports, new layouts and boundaries, drafts).
while IFS= read -r -d '' f; do
    rel=${f#"$smoke/linux/"}
    if [ ! -f "$smoke/win/$rel" ]; then bad "$rel: not written by planmap.exe"
    elif cmp -s "$f" "$smoke/win/$rel"; then ok "$rel: identical ($(stat -c %s "$f") bytes)"
    elif why=$(near "$f" "$smoke/win/$rel"); then echo "near  $rel: $why"; nearly=$((nearly + 1))
    else bad "$rel: differs"; fi
done < <(find "$smoke/linux/导出" "$smoke/linux/布局 文件" -type f ! -name '宝鸡 规划.txt' -print0 | sort -z)

# The window, started the way Explorer starts it (ShellExecute, via `start`), from another
# folder, so the bundled layouts are found beside the exe. Wine takes the Windows locale (zh-CN)
# from LANG, and hands LANG on to Windows programs too: under Wine the old LANG lookup and
# sys-locale (GetUserPreferredUILanguages) both answer Chinese; on Windows only the latter can.
# The command-line runs above had no DISPLAY: a Wine session they leave running (its desktop
# process made without X) would hold the window back for ever. The window gets its own session.
wineserver -k 2>/dev/null; wineserver -w 2>/dev/null
n=93; while [ -e /tmp/.X$n-lock ]; do n=$((n + 1)); done; disp=:$n
Xvfb "$disp" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xpid=$!
for _ in $(seq 50); do DISPLAY=$disp xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
appdata="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming/planmap"
rm -rf "$appdata"
(cd "$WINEPREFIX/drive_c/users/$(id -un)" && DISPLAY=$disp LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 wine start /unix "$exe" > "$smoke/window.log" 2>&1)
# Up to 2 minutes for the window (Wine's first start and a software GL on a busy machine), then
# time to draw the map.
for _ in $(seq "${WAIT:-120}"); do DISPLAY=$disp xdotool search --onlyvisible --name '^planmap' >/dev/null 2>&1 && break; sleep 1; done
sleep 8
windows=$(DISPLAY=$disp xdotool search --onlyvisible --name . 2>/dev/null | while read -r w; do DISPLAY=$disp xdotool getwindowname "$w"; done)
echo "visible windows: $(echo "$windows" | tr '\n' '|')"
DISPLAY=$disp xwd -root -silent | convert xwd:- "png:$shot"
if echo "$windows" | grep -q '^planmap'; then ok "window: planmap opened"; else
    bad "window: no planmap window"
    # Still starting, or gone? The Wine processes running tell them apart.
    ps -eo pid,etime,pcpu,args | grep -iE '[p]lanmap\.exe|[e]xplorer\.exe|[w]ineboot|[s]tart\.exe' | cut -c1-160
    sed -n 1,20p "$smoke/window.log"
    # A window made but never shown, or none at all?
    DISPLAY=$disp xdotool search --name . 2>/dev/null | while read -r w; do echo "window $w: $(DISPLAY=$disp xdotool getwindowname "$w") $(DISPLAY=$disp xwininfo -id "$w" | grep -o 'Map State: .*')"; done
fi
if echo "$windows" | grep -qiE 'console|cmd|planmap.exe'; then bad "window: a console window is open"; else ok "window: no console window"; fi
echo "screenshot: $shot"
# Settings are written on exit and every 30 s: close the window as its close button does.
wid=$(DISPLAY=$disp xdotool search --onlyvisible --name '^planmap' | head -1)
[ -n "$wid" ] && DISPLAY=$disp xdotool windowfocus --sync "$wid" key --clearmodifiers alt+F4 2>/dev/null
for _ in $(seq 40); do [ -f "$appdata/data/app.ron" ] && break; sleep 1; done
if [ -f "$appdata/data/app.ron" ]; then
    ok "settings: %APPDATA%\\planmap\\data\\app.ron written"
    if grep -q '\\\\?\\' "$appdata/data/app.ron"; then bad "settings: a \\\\?\\ path in the recent files"; else ok "settings: recent files without \\\\?\\"; fi
    grep -o 'recent:[^]]*]' "$appdata/data/app.ron" | head -c 300; echo
else
    bad "settings: no $appdata/data/app.ron"
fi
wineserver -k 2>/dev/null
kill $xpid 2>/dev/null; wait $xpid 2>/dev/null
echo "$pass passed, $fail failed ($nearly near: listed above)"
[ "$fail" = 0 ]
