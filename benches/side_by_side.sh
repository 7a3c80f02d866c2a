#!/usr/bin/env bash
# planmap beside the peers on the same work: a GeoJSON of counties → a 1600x1200 PNG, filled by
# category in the peers' colours with a 0.5 px #333 stroke, in the shared view extent.
# Whole-process medians by hyperfine (warm-up 1, RUNS runs), then planmap's speed-up.
#
#   benches/side_by_side.sh                 # env: DATA=/tmp/bench-data RUNS=5 DATASETS="small china" PEERS="geopandas qgis"
#
# Then the same from FlatGeobuf (converted once with ogr2ogr, not timed): planmap beside
# gdal_rasterize reading the same .fgb (fill only, no antialiasing: the closest to pure
# rasterization work; the peers' command of ../shared/bench/run_peers.sh).
#
# Needs the peer setup of ../shared/bench (run_peers.sh installs it: hyperfine, jq, qgis,
# a venv with geopandas) and the data from ../shared/bench/make_data.py.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$HERE/../shared/bench
DATA=${DATA:-/tmp/bench-data}; RUNS=${RUNS:-5}; DATASETS=${DATASETS:-"small china"}; PEERS=${PEERS:-"geopandas qgis"}
PY=$DATA/venv/bin/python; OUT=$DATA/out; mkdir -p "$OUT"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
for t in hyperfine jq ogr2ogr gdal_rasterize; do command -v $t >/dev/null || { echo "missing $t: see $BENCH/PEERS.md"; exit 1; }; done
[ -x "$PY" ] || { echo "missing $PY: run $BENCH/run_peers.sh once"; exit 1; }
[ -f "$DATA/china.geojson" ] || python3 "$BENCH/make_data.py" "$DATA"
(cd "$HERE" && cargo build --release --quiet)
PLANMAP=$HERE/target/release/planmap

median() {  # median CMD... -> seconds
  hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$OUT/.sbs.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
  jq -r '.results[0].median' "$OUT/.sbs.json"
}

printf '%-9s %12s %12s %12s %14s %12s\n' dataset planmap_s geopandas_s qgis_s vs_geopandas vs_qgis
for ds in $DATASETS; do
  in=$DATA/$ds.geojson; read -r -a view < "$DATA/$ds.view"
  p=$(median "$PLANMAP" export --boundaries "$in" --color-by category --color core=#66c2a5 --color zone=#fc8d62 \
      --color product=#8da0cb --color other=#e78ac3 --size 1600x1200 --extent "${view[@]}" --out "$OUT/planmap_$ds.png")
  g=nan; q=nan
  [[ " $PEERS " == *" geopandas "* ]] && g=$(median "$PY" "$BENCH/peer_geopandas.py" "$in" "$OUT/geopandas_$ds.png" "${view[@]}")
  [[ " $PEERS " == *" qgis "* ]] && q=$(median /usr/bin/python3 "$BENCH/peer_qgis.py" "$in" "$OUT/qgis_$ds.png" "${view[@]}")
  awk -v d="$ds" -v p="$p" -v g="$g" -v q="$q" 'BEGIN { printf "%-9s %12.3f %12.3f %12.3f %13.1fx %11.1fx\n", d, p, g, q, g / p, q / p }'
done

SQL="SELECT geometry, CASE category WHEN 'core' THEN 1 WHEN 'zone' THEN 2 WHEN 'product' THEN 3 ELSE 4 END AS cat FROM"
printf '\n%-9s %12s %16s %14s\n' dataset planmap_fgb_s gdal_rasterize_s planmap/gdal
for ds in $DATASETS; do
  in=$DATA/$ds.geojson; fgb=$DATA/$ds.nocrs.fgb; read -r -a view < "$DATA/$ds.view"
  # No CRS in the copy, like the GeoJSON (whose coordinates planmap reads as GCJ-02, as Amap
  # data is): ogr2ogr would label it WGS 84, and planmap would then shift every point to GCJ-02.
  [ "$fgb" -nt "$in" ] || { rm -f "$fgb"; ogr2ogr -f FlatGeobuf -a_srs None "$fgb" "$in"; }  # untimed
  p=$(median "$PLANMAP" export --boundaries "$fgb" --color-by category --color core=#66c2a5 --color zone=#fc8d62 \
      --color product=#8da0cb --color other=#e78ac3 --size 1600x1200 --extent "${view[@]}" --out "$OUT/planmap_fgb_$ds.png")
  g=$(median gdal_rasterize -q -dialect SQLite -sql "$SQL $ds" -a cat -ot Byte -init 0 -te "${view[@]}" -ts 1600 1200 "$fgb" "$OUT/gdal_fgb_$ds.tif")
  awk -v d="$ds" -v p="$p" -v g="$g" 'BEGIN { printf "%-9s %12.3f %16.3f %13.2fx\n", d, p, g, p / g }'
done
rm -f "$OUT/.sbs.json"
echo "images: $OUT/{planmap,geopandas,qgis}_<dataset>.png  (compare: $PY $BENCH/check_png.py $OUT/*_china.png)"
