#!/usr/bin/env python3
"""Import circles in planmap's source: between folders (model, io, scene, draft, export,
document, cli, ui/…) and between files inside one folder. Prints each circle; exit 0.

A file's imports are the `crate::a::b` paths it names (and `super::x`), resolved to the deepest
module file that exists. Code after the file's `#[cfg(test)]` is left out: a test may check one
module against its sibling (the GPU buffers against the CPU path) without making the modules a
circle.
"""
import os, re, sys
from itertools import chain

ROOTS = {"planmap-core": "crates/planmap-core/src", "planmap": "src"}

def modules(src):
    mods = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), src)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib", "main"):
                rel = rel[:-1]
            mods[tuple(rel)] = os.path.join(dirpath, f)
    return mods

def resolve(mods, path):
    path = tuple(path)
    while path and path not in mods:
        path = path[:-1]
    return path if path else None

def graph(root):
    src = ROOTS[root]
    mods = modules(src)
    core = modules(ROOTS["planmap-core"]) if root == "planmap" else {}
    edges = {m: set() for m in mods}
    for m, f in mods.items():
        text = open(f, encoding="utf-8").read()
        text = text.split("#[cfg(test)]")[0]
        text = re.sub(r"//[^\n]*", "", text)
        # expand `use crate::a::{b, c::d}` one level
        for g in re.finditer(r"crate::((?:[a-z_0-9]+::)*)\{([^}]*)\}", text):
            base = [p for p in g.group(1).split("::") if p]
            for item in g.group(2).split(","):
                item = item.strip().split(" as ")[0]
                if item and item != "self":
                    target = resolve(mods, base + item.split("::"))
                    if target is not None and target != m and not is_ancestor(target, m):
                        edges[m].add(target)
        for g in re.finditer(r"(?<![a-z_:])((?:super::)+)([a-z_0-9]+(?:::[a-z_0-9]+)*)", text):
            ups = g.group(1).count("super")
            # `super::` in a `mod tests` block names the file itself: one level fewer.
            base = list(m[: len(m) - ups + 1]) if "mod tests" in text[: g.start()] and ups >= 1 else list(m[: len(m) - ups])
            target = resolve(mods, base + g.group(2).split("::"))
            if target is not None and target != m and not is_ancestor(target, m):
                edges[m].add(target)
        for g in re.finditer(r"crate((?:::[a-z_0-9]+)+)", text):
            parts = [p for p in g.group(1).split("::") if p]
            target = resolve(mods, parts)
            if target is not None and target != m and not is_ancestor(target, m):
                edges[m].add(target)
    return mods, edges

def is_ancestor(a, b):
    return len(a) < len(b) and b[: len(a)] == a

def cycles(nodes, edges):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1
        stack.append(v); on.add(v)
        for w in edges.get(v, ()):
            if w not in nodes:
                continue
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))
    for v in nodes:
        if v not in index:
            visit(v)
    return out

def folder(m):
    # ui/map/view -> ui/map ; io/edit -> io ; document -> document
    return m[:-1] if len(m) > 1 else m

total_across = total_inside = 0
for root in ROOTS:
    mods, edges = graph(root)
    # across folders: top-level folders (and ui's subfolders) as nodes
    def top(m):
        if not m:
            return ("<root>",)
        if m[0] == "ui" and len(m) > 2:
            return m[:2]
        return m[:1] if m[0] != "ui" else (m if len(m) <= 2 and (m[1:] and ROOTS) and os.path.isdir(os.path.join(ROOTS[root], *m)) else ("ui",))
    fedges = {}
    for a, bs in edges.items():
        for b in bs:
            ta, tb = top(a), top(b)
            if ta != tb and not is_ancestor(ta, tb) and not is_ancestor(tb, ta):
                fedges.setdefault(ta, set()).add(tb)
    fnodes = set(fedges) | set(chain.from_iterable(fedges.values()))
    across = cycles(fnodes, fedges)
    for c in across:
        print(f"{root}: across folders: " + " ⇄ ".join("/".join(x) for x in c))
    total_across += len(across)
    # inside a folder: files with the same parent
    by_folder = {}
    for m in mods:
        by_folder.setdefault(folder(m), set()).add(m)
    for fo, ms in sorted(by_folder.items()):
        sub = {a: {b for b in edges[a] if b in ms} for a in ms}
        for c in cycles(ms, sub):
            print(f"{root}: inside {'/'.join(fo) or '<root>'}: " + " ⇄ ".join(x[-1] for x in c))
            total_inside += 1
print(f"{total_across} circle(s) across folders, {total_inside} inside folders")
