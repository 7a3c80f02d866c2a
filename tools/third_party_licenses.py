#!/usr/bin/env python3
"""Writes the licences of every crate compiled into planmap for a target (default: 64-bit
Windows) to stdout: name, version, licence, repository, then the crate's own licence files.
For the Windows zip and the .deb (tools/package.sh). Standard library only.

    tools/third_party_licenses.py [TARGET] > THIRD-PARTY-LICENSES.txt
"""
import json
import os
import subprocess
import sys

MIT = """Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

target = sys.argv[1] if len(sys.argv) > 1 else "x86_64-pc-windows-gnu"
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
meta = json.loads(subprocess.check_output(
    ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target], cwd=root))
packages = {(p["name"], p["version"]): p for p in meta["packages"]}
# What is linked in: normal dependencies only (no build scripts' or tests' helpers).
tree = subprocess.check_output(
    ["cargo", "tree", "--locked", "--target", target, "-e", "normal", "--prefix", "none", "--format", "{p}"],
    cwd=root, text=True)
linked = set()
for line in tree.splitlines():
    parts = line.split()
    if len(parts) >= 2 and parts[1].startswith("v"):
        linked.add((parts[0], parts[1][1:]))
# planmap and its core crate (crates/planmap-core) are planmap itself (LICENSE-planmap.txt).
linked = {(n, v) for n, v in linked if n not in ("planmap", "planmap-core")}

out = sys.stdout
out.write(f"Licences of the Rust crates compiled into planmap ({target}), {len(linked)} crates.\n")
out.write("The Rust standard library is MIT OR Apache-2.0 (https://www.rust-lang.org/policies/licenses).\n\n")
for name, version in sorted(linked):
    p = packages.get((name, version))
    if p is None:
        continue
    out.write("=" * 78 + "\n")
    out.write(f"{name} {version}\nlicence: {p.get('license') or p.get('license_file')}\n")
    if p.get("repository"):
        out.write(f"source: {p['repository']}\n")
    folder = os.path.dirname(p["manifest_path"])
    files = sorted(f for f in os.listdir(folder)
                   if f.upper().startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE")) and os.path.isfile(os.path.join(folder, f)))
    for f in files:
        with open(os.path.join(folder, f), encoding="utf-8", errors="replace") as fh:
            out.write(f"\n--- {f} ---\n{fh.read().strip()}\n")
    if not files:
        out.write("(the crate ships no licence file; its licence is the SPDX expression above)\n")
    out.write("\n")

# Crates without a licence file of their own are under the licences their SPDX expression names.
out.write("=" * 78 + "\nThe texts of the licences named above, for the crates that ship no licence file.\n\n")
out.write("--- MIT ---\n" + MIT + "\n")
apache = "/usr/share/common-licenses/Apache-2.0"
if os.path.isfile(apache):
    with open(apache, encoding="utf-8") as fh:
        out.write("--- Apache-2.0 ---\n" + fh.read() + "\n")
