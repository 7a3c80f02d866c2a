#!/usr/bin/env python3
"""Subset DejaVu Sans (Bitstream Vera / DejaVu licence, public-domain changes; Debian package
fonts-dejavu-core 2.37) to the symbols neither egui's fonts nor the CJK subset draw: Roman
numerals such as the plans' "Ⅲ类水体", plus a sensible symbol set (letterlike symbols, number
forms, arrows, mathematical operators, enclosed numbers, geometric shapes) so a layout author's
"≤", "①" or "℃" does not turn into a box. The app installs it after the CJK font.

    apt-get install fonts-dejavu-core && pip install fonttools
    python3 tools/subset_symbols.py
"""
import glob, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
src = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
out = os.path.join(root, "assets", "fonts", "DejaVuSans-planmap-symbols.ttf")

ranges = [
    (0x2010, 0x2070),  # general punctuation: dashes, quotes, ‰, ′ ″
    (0x2070, 0x20A0),  # superscripts and subscripts (m², CO₂)
    (0x20A0, 0x20C0),  # currency
    (0x2100, 0x2150),  # letterlike: ℃ № ™
    (0x2150, 0x2190),  # number forms: Ⅰ–Ⅻ ⅰ–ⅻ ½
    (0x2190, 0x2200),  # arrows
    (0x2200, 0x2300),  # mathematical operators: ≤ ≥ ≈ ± ×
    (0x2460, 0x2500),  # enclosed alphanumerics: ① … ⑳
    (0x25A0, 0x2600),  # geometric shapes: ● ○ ■ □ ▲ △
    (0x2600, 0x2700),  # miscellaneous symbols: ★ ☆ ✓-like marks
    (0x2700, 0x27C0),  # dingbats: ✓ ✔ ✕ ✖ ❶
]
chars = set(chr(c) for lo, hi in ranges for c in range(lo, hi))
# Anything else the plans, layouts or UI use outside the CJK blocks (the font lacks CJK anyway).
texts = glob.glob(os.path.join(root, "layouts", "*.toml")) + glob.glob(os.path.join(root, "..", "shared", "seeds", "*.txt"))
texts += glob.glob(os.path.join(root, "src", "**", "*.rs"), recursive=True)
for path in texts:
    chars |= set(c for c in open(path, encoding="utf-8").read() if ord(c) >= 0x80)
chars = sorted(c for c in chars if c.isprintable())
with open("/tmp/planmap-symbol-chars.txt", "w", encoding="utf-8") as f:
    f.write("".join(chars))
subprocess.run([sys.executable, "-m", "fontTools.subset", src, "--text-file=/tmp/planmap-symbol-chars.txt",
                f"--output-file={out}", "--no-hinting", "--layout-features=*", "--name-IDs=*",
                "--name-languages=*", "--notdef-outline"], check=True)
print(f"{len(chars)} characters asked -> {out} ({os.path.getsize(out) / 2**10:.0f} KiB)")
