#!/usr/bin/env bash
# Hostile inputs under a 2 GB memory cap (issue 13, "Done when"): each case runs check, show
# and export with `ulimit -v 2000000` and a 10 s limit (LIMIT_SECS), and prints exit code, wall
# and CPU time and peak memory. HANG = killed at the limit; DIED = a signal or "memory
# allocation … failed". CPU time is the figure to read on a shared, loaded machine.
#
#   tools/hostile_limits.sh [PLANMAP_BINARY]      # default target/release/planmap, else debug
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/planmap}
[ -x "$BIN" ] || BIN=target/debug/planmap
BIN=$(realpath "$BIN")
W=$(mktemp -d /tmp/planmap-limits.XXXXXX)
trap 'rm -rf "$W"' EXIT
ROOT=$(pwd)

LIMIT=${LIMIT_SECS:-10}
run() { # run LABEL ARGS...
    local label=$1; shift
    bash -c 'ulimit -v 2000000; exec /usr/bin/time -f "%e %U %S %M" -o "$0" timeout "$1" "${@:2}"' "$W/time" "$LIMIT" "$BIN" "$@" >"$W/out" 2>"$W/err"
    local rc=$?
    local wall cpu_u cpu_s kib
    read -r wall cpu_u cpu_s kib < <(grep -v "exited" "$W/time" | tail -1)
    local msg; msg=$(cat "$W/out" "$W/err" | grep -v "file(s) checked" | head -1 | sed "s#$W/##g" | cut -c1-140)
    local verdict=ok
    [ "$rc" = 124 ] && verdict=HANG
    { [ "$rc" -ge 128 ] && [ "$rc" != 124 ]; } && verdict=DIED
    grep -q "memory allocation" "$W/err" && verdict=DIED
    printf '%-5s %-38s rc=%-3s wall %6ss cpu %6ss peak %5s MiB  %s\n' "$verdict" "$label" "$rc" "$wall" "$(echo "$cpu_u + $cpu_s" | bc)" "$((kib / 1024))" "$msg"
}

echo "binary: $BIN"
if [ "${ONLY:-}" != readers ]; then
python3 - "$W" <<'PY'
import os, sys
w = sys.argv[1]
def fc(geoms):
    return '{"type":"FeatureCollection","features":[' + ",".join(
        '{"type":"Feature","properties":{"adcode":"%d","name":"n%d"},"geometry":%s}' % (i, i, g) for i, g in enumerate(geoms)) + ']}'
MiB = 1 << 20
# 1. one ring of 80 M positions, 480 MiB: under the file limit, over the memory budget
with open(f"{w}/points.geojson", "w") as f:
    f.write('{"type":"Polygon","coordinates":[[')
    chunk = "[0,0]," * (1 << 20)
    for _ in range(80):
        f.write(chunk)
    f.write('[0,0]]]}')
# 2. 500 MiB of "0," in one flat array: 40 bytes a node would be 10 GB
with open(f"{w}/zeros.geojson", "w") as f:
    f.write('{"type":"Polygon","coordinates":[')
    chunk = "0," * (1 << 20)
    for _ in range(250):
        f.write(chunk)
    f.write('0]}')
# 3. a 400 MiB property string
with open(f"{w}/string.geojson", "w") as f:
    f.write('{"type":"Feature","properties":{"name":"')
    for _ in range(400):
        f.write("a" * MiB)
    f.write('"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}')
# 4. a real-looking polygon of 8 M vertices (a circle), about 250 MiB
import math
n = 8_000_000
with open(f"{w}/circle.geojson", "w") as f:
    f.write('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":"610302","name":"渭滨区"},"geometry":{"type":"Polygon","coordinates":[[')
    step = 2 * math.pi / n
    buf = []
    for i in range(n):
        a = i * step
        buf.append("[%.6f,%.6f]" % (107.0 + math.cos(a), 34.0 + math.sin(a)))
        if len(buf) == 100000:
            f.write(",".join(buf) + ","); buf = []
    buf.append("[108.000000,34.000000]")
    f.write(",".join(buf) + ']]}}]}')
# 5. 300,000 small features
with open(f"{w}/many.geojson", "w") as f:
    f.write(fc('{"type":"Polygon","coordinates":[[[%f,30],[%f,30],[%f,30.001],[%f,30]]]}' % (100 + i * 1e-4, 100.00005 + i * 1e-4, 100 + i * 1e-4, 100 + i * 1e-4) for i in range(300_000)))
# 6. a self-crossing zigzag of 2 M segments (worst case for the crossing check)
with open(f"{w}/zigzag.geojson", "w") as f:
    pts = ",".join("[%d,%f]" % (i % 2, i * 1e-5) for i in range(2_000_000))
    f.write('{"type":"Polygon","coordinates":[[%s,[-0.5,20],[-0.5,0],[0,0]]]}' % pts)
# 7. nesting 100,000 deep
with open(f"{w}/deep.geojson", "w") as f:
    f.write("[" * 100_000)
PY
mkfifo "$W/fifo.geojson"
mkdir "$W/folder.geojson"
truncate -s 3G "$W/sparse.geojson"

layout() { # layout NAME BOUNDARIES [extra text]: the Baoji layout with other boundaries
    sed "s#\"../assets/boundaries/baoji.geojson\"#\"$2\"#" "$ROOT/layouts/baoji.toml" > "$W/$1.toml"
    [ $# -gt 2 ] && printf '%s' "$3" >> "$W/$1.toml"
    echo "$W/$1.toml"
}
DUPS=$(python3 -c 'print("".join("\n[[districts]]\nadcode = \"610302\"\nname = \"渭滨区\"\n" for _ in range(100000)))')

for f in points zeros string circle many zigzag deep fifo folder sparse; do
    run "check $f" check "$W/$f.geojson"
done
run "check /dev/zero as boundaries" check "$(layout zero /dev/zero)"
run "check /dev/urandom as boundaries" check "$(layout urandom /dev/urandom)"
run "check fifo as boundaries" check "$(layout fifo "$W/fifo.geojson")"
run "show fifo as boundaries" show "$W/fifo.toml" 眉县
run "export fifo as boundaries" export "$W/fifo.toml" --out "$W/o.png"
run "check 100k duplicate districts" check "$(layout dups "$ROOT/assets/boundaries/baoji.geojson" "$DUPS")"
run "show 100k duplicate districts" show "$W/dups.toml" 眉县
cat > "$W/circle.toml" <<TOML
[plan]
title = "一个 8 M 顶点的县"
region = "宝鸡市"
document = "000_9363dbbd475e6e70.txt"
boundaries = "circle.geojson"

[[structures]]
id = "core"
kind = "core"
name = "一核心"
source = "第三章"

  [[structures.members]]
  adcode = "610302"
  name = "渭滨区"
TOML
run "check circle of 8M vertices (layout)" check "$W/circle.toml"
run "show circle layout" show "$W/circle.toml" 渭滨区
run "export circle layout" export "$W/circle.toml" --out "$W/circle.png" --size 800x600
if [ -n "${WINDOW_DISPLAY:-}" ]; then # the window, under Xvfb on this display: alive after LIMIT s?
    for f in "$W/circle.toml" "$W/many.geojson" "$W/string.geojson" "$W/fifo.toml" "$W/dups.toml"; do
        Xvfb "$WINDOW_DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
        sleep 1
        DISPLAY=$WINDOW_DISPLAY bash -c 'ulimit -v 2000000; exec /usr/bin/time -f "%e %U %S %M" -o "$0" timeout "$1" "${@:2}"' "$W/time" "$LIMIT" "$BIN" "$f" >"$W/out" 2>"$W/err"
        rc=$?
        read -r wall cpu_u cpu_s kib < <(grep -v "exited" "$W/time" | tail -1)
        # 124: still running at the limit, i.e. the window was up and alive (not a crash).
        v=DIED; [ "$rc" = 124 ] && v=alive; grep -q "memory allocation" "$W/err" && v=DIED
        printf '%-5s window %-31s rc=%-3s cpu %6ss peak %5s MiB  %s\n' "$v" "$(basename "$f")" "$rc" "$(echo "$cpu_u + $cpu_s" | bc)" "$((kib / 1024))" "$(head -1 "$W/err" | cut -c1-100)"
        kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null
    done
fi
run "export many features" export --boundaries "$W/many.geojson" --color-by name --out "$W/many.png" --size 800x600
run "export --size 20000x20000" export "$ROOT/layouts/baoji.toml" --out "$W/big.png" --size 20000x20000
run "export --scale 100" export "$ROOT/layouts/baoji.toml" --out "$W/big.png" --scale 100
run "export 10000x10000 (the limit)" export "$ROOT/layouts/baoji.toml" --out "$W/limit.png" --size 10000x10000
run "export onto its input" export --boundaries "$W/many.geojson" --color-by name --out "$W/many.geojson"
fi

# ── Issue 20: the Shapefile, FlatGeobuf and plan-text readers, and the drafter ──
# ONLY=readers runs only these.
mkdir -p "$W/r"
python3 - "$W/r" "$ROOT" <<'PY'
import os, sys, struct, zipfile, io
w, root = sys.argv[1], sys.argv[2]
gis = f"{root}/tests/fixtures/gis"
fgb = open(f"{gis}/baoji3.fgb", "rb").read()
hsize = struct.unpack_from("<I", fgb, 8)[0]
count = 3
at = [i for i in range(8, 12 + hsize - 8) if fgb[i:i+8] == struct.pack("<Q", count)]
assert len(at) == 1, at
def patched(pos, data):
    b = bytearray(fgb); b[pos:pos+len(data)] = data; return bytes(b)
open(f"{w}/count32.fgb", "wb").write(patched(at[0], struct.pack("<Q", 1 << 32)))
open(f"{w}/countmax.fgb", "wb").write(patched(at[0], struct.pack("<Q", (1 << 64) - 1)))
# the first feature: where the chain of size prefixes runs exactly to the end of the file
def chain_ends(at):
    while at + 4 <= len(fgb):
        at += 4 + struct.unpack_from("<I", fgb, at)[0]
    return at == len(fgb)
first = next(at for at in range(12 + hsize, len(fgb), 8) if chain_ends(at))
open(f"{w}/prefix.fgb", "wb").write(patched(first, struct.pack("<I", 0xFFFFFFF0)))
for name, prj in [("deep", "GEOGCS[" * 100_000), ("unit0", None), ("lat95", None)]:
    os.makedirs(f"{w}/{name}", exist_ok=True)
    for ext in ["shp", "shx", "dbf", "prj"]:
        data = open(f"{gis}/baoji3_gk36.{ext}", "rb").read()
        if ext == "prj":
            text = data.decode()
            data = (prj if prj is not None else text.replace('UNIT["Meter",1.0]', 'UNIT["Meter",0]') if name == "unit0" else text.replace('"Latitude_Of_Origin",0.0', '"Latitude_Of_Origin",95')).encode()
        open(f"{w}/{name}/s.{ext}", "wb").write(data)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def docx(path, document, numbering=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document)
        if numbering: z.writestr("word/numbering.xml", numbering)
p = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%s"/></w:numPr></w:pPr><w:r><w:t>构建一核两翼。</w:t></w:r></w:p>'
docx(f"{w}/letters.docx", f"<w:document {W}><w:body>{p % 1 * 3}</w:body></w:document>",
     f'<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
n = 150_000
docx(f"{w}/lists.docx", f"<w:document {W}><w:body>" + "".join(p % k for k in range(1, n + 1)) + "</w:body></w:document>",
     f'<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
     + "".join(f'<w:num w:numId="{k}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' for k in range(1, n + 1)) + "</w:numbering>")
with zipfile.ZipFile(f"{w}/whitespace.docx", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("word/document.xml", "w") as f:
        f.write(b"<w:document><w:body><w:p><w:r><w:t>")
        chunk = b" " * (1 << 20)
        for _ in range(1024): f.write(chunk)
        f.write(b"</w:t></w:r></w:p></w:body></w:document>")
line = "宝鸡市构建“一核两翼”的发展格局，一核即渭滨区、金台区，两翼是指凤翔区和岐山县，建设区域医疗中心。"
for name, size in [("line1m", 1 << 20), ("line10m", 10 << 20)]:
    open(f"{w}/{name}.txt", "w").write(line * (size // len(line.encode()) + 1))
open(f"{w}/quotes.txt", "w").write("构建“一核两翼" * ((1 << 20) // 19 + 1))
open(f"{w}/region.txt", "w").write("宝" * 40_000)
PY
mkfifo "$W/r/pipe.shp" "$W/r/pipe.fgb" "$W/r/pipe.txt" "$W/r/pipe.docx"
mkdir -p "$W/r/sib"; for ext in shp shx dbf prj; do cp "$ROOT/tests/fixtures/gis/baoji3_gk36.$ext" "$W/r/sib/s.$ext"; done
rm "$W/r/sib/s.dbf"; truncate -s 1536M "$W/r/sib/s.dbf"
mkdir -p "$W/r/zero"; for ext in shp shx prj; do cp "$ROOT/tests/fixtures/gis/baoji3_gk36.$ext" "$W/r/zero/s.$ext"; done; ln -s /dev/zero "$W/r/zero/s.dbf"
for f in count32 countmax prefix; do run "check fgb $f" check "$W/r/$f.fgb"; done
for d in deep unit0 lat95 sib zero; do run "check shp $d" check "$W/r/$d/s.shp"; done
run "check fifo .shp" check "$W/r/pipe.shp"
run "check fifo .fgb" check "$W/r/pipe.fgb"
for f in pipe.txt pipe.docx letters.docx lists.docx whitespace.docx line1m.txt line10m.txt quotes.txt; do
    rm -f "$W/r/o.toml" "$W/r/o.geojson"
    run "draft $f" draft "$W/r/$f" --region 宝鸡市 --out "$W/r/o.toml"
done
run "draft --region of 40k characters" draft "$W/r/line1m.txt" --region "$(cat "$W/r/region.txt")" --out "$W/r/o2.toml"
run "new of 40k characters" new "$(cat "$W/r/region.txt")" --out "$W/r/o3.toml"
