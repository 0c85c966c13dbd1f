#!/usr/bin/env bash
# The screenshots that show findings in words and the ordered first screen (issue 23), on four kinds of image: a
# camera JPEG, a generated PNG, a JPEG AI decode of the camera JPEG (made here with `provenant compress`) and a
# C2PA-signed file. For each: the workbench (scripts/screenshot.sh) and the first page of its PDF report (pdftoppm);
# then the batch index.html of the four in headless Chromium (apt-get install chromium).
# Usage: scripts/findings-screenshots.sh [OUTDIR]    default assets/screenshots; the shared data sets are read from
#        $PROVENANT_SHARED, else the shared/ folder beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-assets/screenshots}"
SHARED="${PROVENANT_SHARED:-../shared}"
CAMERA="$SHARED/datasets/real-camera/photos/0040__HMD-Nokia-G21__dfawok-Photogrammetry__IMG-20230503-175743.jpg"
GENERATED="$SHARED/datasets/gen-vs-real/generated/auraflow__ComfyUI_examples__aura_flow_0.2_example.png"
SIGNED="$SHARED/datasets/c2pa/CA.jpg"
for f in "$CAMERA" "$GENERATED" "$SIGNED"; do [ -f "$f" ] || { echo "findings-screenshots: no $f" >&2; exit 1; }; done
command -v chromium >/dev/null || { echo "findings-screenshots: needs chromium (apt-get install chromium)" >&2; exit 1; }
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
EV="$TMP/evidence"
mkdir -p "$EV"
# short names for the pictures; copies, so that nothing is written beside the shared originals
cp "$CAMERA" "$EV/camera-nokia-g21.jpg"
cp "$GENERATED" "$EV/generated-auraflow.png"
cp "$SIGNED" "$EV/c2pa-signed.jpg"
mvn -B -o -q package -DskipTests -DskipInstaller
JAR=target/provenant-0.1.0-SNAPSHOT.jar
# the tool never writes beside its input: the decode is made outside the folder, then put with the other images
java -jar "$JAR" compress "$EV/camera-nokia-g21.jpg" --out "$TMP/jpeg-ai-decode.png" --codec jpeg-ai --rate q2 >/dev/null
mv "$TMP/jpeg-ai-decode.png" "$EV/"
for name in camera-nokia-g21.jpg generated-auraflow.png jpeg-ai-decode.png c2pa-signed.jpg; do
  stem="${name%.*}"
  # the window analyses and stores its results in the case folder; the report and the batch reuse them
  EXTRA_PROPS="-Dprovenant.case=$TMP/case" scripts/screenshot.sh "$EV/$name" "$OUT/findings-$stem.png"
  java -jar "$JAR" report "$EV/$name" --out "$TMP/$stem.pdf" --case "$TMP/case" >/dev/null
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$TMP/$stem.pdf" "$OUT/report-findings-$stem"
done
java -jar "$JAR" batch "$EV" --out "$TMP/batch" --case "$TMP/case" >/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
  --window-size=1300,1100 --screenshot="$OUT/batch-index.png" "file://$TMP/batch/index.html" 2>/dev/null
echo "findings-screenshots: wrote $OUT/findings-*.png, $OUT/report-findings-*.png, $OUT/batch-index.png"
