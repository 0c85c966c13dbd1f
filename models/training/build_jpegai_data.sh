#!/bin/sh
# Data of the JPEG AI cue forests (issue 15), under $DATA (default data/jpegai of the repository, git-ignored):
#   photos/   training photos: every 3rd real colour photo of ../shared/datasets/gen-vs-real/real (sorted by name,
#             at least 256 px a side, KAIR's grey and film-still crops and scikit-image's files left out: chelsea and
#             rocket are the held-out test photos), plus scikit-image's astronaut, hubble_deep_field and the two
#             motorcycle views (one source); named rNNN (hNNN for heldout/) so that each photo is its own source (leave-one-photo-out)
#   gen/      genuine generated images, at least 256 px a side, up to 2 per generator label from gen-vs-real and
#             gen-vs-real-2 (sorted by file name), named g<generator>_<n> (one source per generator)
#   heldout/  the other real colour photos (never trained on), for the false-alarm check
#   classic/  central 512x512 crops of the colour photos of heldout/ as PNG, and as JPEG q95/q75/q50 (Pillow),
#             WebP q80 (cwebp) and AVIF quantizer 24-32 (avifenc), the last two decoded back to PNG
#             (models/training/classic_variants.py)
#   classic-train/  the same for photos/ (negatives of the colour cue: provenant train ... --negatives classic-train)
#   MANIFEST.sha256  hashes of every file the recipe produced (the sources' own hashes are in their SOURCES.tsv)
# Then (see models/README.md, "JPEG AI"):
#   provenant train $DATA/photos --codec jpeg-ai --crops-per-photo 1 --dry-run --save-samples $DATA/samples/jpegai-real.tsv
#   provenant train $DATA/empty --generated $DATA/gen --codec jpeg-ai --dry-run --save-samples $DATA/samples/jpegai-gen.tsv
# Needs: webp, libavif-bin, python3-skimage (numpy, Pillow) (data building only).
set -eu
export LC_ALL=C
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED:-${PROVENANT_SHARED:-$(cd "$REPO/.." && pwd)/shared}}   # the shared data folder holding datasets/
[ -d "$SHARED/datasets" ] || { echo "no datasets/ in $SHARED: set SHARED=DIR" >&2; exit 1; }
DATA=${DATA:-$REPO/data/jpegai}
K=/usr/lib/python3/dist-packages/skimage/data
S=$SHARED/datasets/gen-vs-real
mkdir -p "$DATA/photos" "$DATA/gen" "$DATA/heldout" "$DATA/classic" "$DATA/classic-train" "$DATA/empty" "$DATA/samples"
cd "$DATA"
real_list() {
  awk -F'\t' 'NR>1 && $2=="real" && $8>=256 && $9>=256 {print $1}' "$S/SOURCES.tsv" | grep -v 'KAIR\|scikit-image' | sort
}
i=0; t=0; h=0
for f in $(real_list); do
  i=$((i+1)); ext=${f##*.}
  if [ $((i % 3)) -eq 1 ]; then t=$((t+1)); ln -sf "$S/$f" "photos/$(printf 'r%03d.%s' $t "$ext")"
  else h=$((h+1)); ln -sf "$S/$f" "heldout/$(printf 'h%03d.%s' $h "$ext")"; fi
done
ln -sf $K/astronaut.png photos/astronaut.png; ln -sf $K/hubble_deep_field.jpg photos/hubble.jpg
ln -sf $K/motorcycle_left.png photos/moto_l.png; ln -sf $K/motorcycle_right.png photos/moto_r.png
for G in "$SHARED/datasets/gen-vs-real" "$SHARED/datasets/gen-vs-real-2"; do
  awk -F'\t' -v d="$G" 'NR>1 && $2=="generated" && $8>=256 && $9>=256 {print d"/"$1"\t"$3}' "$G/SOURCES.tsv"
done | sort -t "$(printf '\t')" -k2,2 -k1,1 | awk -F'\t' '{g=tolower($2); gsub(/[^a-z0-9]/,"",g); n[g]++; if (n[g]<=2) {
    e=$1; sub(/.*\./,"",e); print $1"\tg"g"_"(n[g]-1)"."tolower(e)}}' | while IFS="$(printf '\t')" read src name; do
  ln -sf "$src" "gen/$name"
done
/usr/bin/python3 "$HERE/classic_variants.py" heldout classic
/usr/bin/python3 "$HERE/classic_variants.py" photos classic-train
find photos gen heldout classic classic-train \( -type f -o -type l \) | sort | xargs sha256sum > MANIFEST.sha256
echo "photos $(ls photos | wc -l), generated $(ls gen | wc -l), held-out $(ls heldout | wc -l), classic $(ls classic | wc -l)"
