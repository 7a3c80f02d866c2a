#!/usr/bin/env python3
"""Subset Droid Sans Fallback (Apache-2.0, Debian package fonts-droid-fallback) to the characters
planmap needs: ASCII, Latin-1, general and CJK punctuation, full-width forms, all of GB2312, and
every character of the plans and layouts (some, like 爨, are outside GB2312).

    apt-get install fonts-droid-fallback && pip install fonttools
    python3 tools/subset_font.py
"""
import glob, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
src = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
out = os.path.join(root, "assets", "fonts", "DroidSansFallback-planmap.ttf")

chars = set(chr(c) for c in range(0x20, 0x100))
chars |= set(chr(c) for c in range(0x2000, 0x2070)) | set(chr(c) for c in range(0x2190, 0x2200))
chars |= set(chr(c) for c in range(0x3000, 0x3040)) | set(chr(c) for c in range(0xFF00, 0xFFF0))
chars |= set("①②③④⑤⑥⑦⑧⑨⑩▸▾▶◀●○■□▲△★☆✓✔✕✖…·—–")
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
# Built-in region names (assets/boundaries/china.arcs) with characters outside GB2312 (湾沚区,
# 硚口区, 鄠邑区 …): a plan of any region shows its units' names. tests/glyphs.rs names any new one.
chars |= set("埇埗沚浉瀍猇硚鄠")
texts = glob.glob(os.path.join(root, "layouts", "*.toml")) + glob.glob(os.path.join(root, "..", "shared", "seeds", "*.txt"))
texts += glob.glob(os.path.join(root, "src", "**", "*.rs"), recursive=True)
for path in texts:
    chars |= set(open(path, encoding="utf-8").read())
chars = sorted(c for c in chars if c.isprintable() or c == " ")
with open("/tmp/planmap-font-chars.txt", "w", encoding="utf-8") as f:
    f.write("".join(chars))
subprocess.run([sys.executable, "-m", "fontTools.subset", src, "--text-file=/tmp/planmap-font-chars.txt",
                f"--output-file={out}", "--no-hinting", "--layout-features=*"], check=True)
print(f"{len(chars)} characters -> {out} ({os.path.getsize(out) / 2**20:.2f} MiB)")
