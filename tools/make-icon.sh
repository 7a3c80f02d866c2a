#!/usr/bin/env bash
# Draws planmap's application icon (three districts around a red core, on the heading blue)
# with ImageMagick and writes assets/icon/planmap.png (256 px) and planmap.ico (16–256 px).
# Drawn for planmap; the outputs are committed, so builds do not need ImageMagick.
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"
convert -size 256x256 xc:none \
    -fill '#0b3d91' -draw 'roundrectangle 8,8 247,247 44,44' \
    -stroke white -strokewidth 7 \
    -fill '#f6e7c8' -draw 'stroke-linejoin round polygon 44,78 128,44 148,122 92,152 36,134' \
    -fill '#d4e8cf' -draw 'stroke-linejoin round polygon 128,44 214,74 218,146 148,122' \
    -fill '#f9cdb9' -draw 'stroke-linejoin round polygon 36,134 92,152 148,122 218,146 192,214 66,218' \
    -fill '#b2182b' -strokewidth 8 -draw 'circle 148,122 148,96' \
    planmap.png
sizes=(16 24 32 48 64 128 256)
args=()
for s in "${sizes[@]}"; do
    convert planmap.png -resize "${s}x${s}" "/tmp/planmap-icon-$s.png"
    args+=("/tmp/planmap-icon-$s.png")
done
convert "${args[@]}" planmap.ico
rm -f "${args[@]}"
ls -l planmap.png planmap.ico
