#!/usr/bin/env bash
# Takes the README's screenshots: builds, starts the workbench under Xvfb, waits until the analysis has finished,
# grabs the screen (the window fills it) with ImageMagick's import, and closes the app.
# Usage: scripts/screenshot.sh [IMAGE] [OUTPUT]     main window on IMAGE (default assets/samples/astronaut.png,
#                                                    output assets/screenshots/workbench.png)
#        scripts/screenshot.sh --annotations [OUTPUT] main window on a COPY of assets/samples/chelsea.png in a temp
#                                                    folder, with a case file of three annotations written beside the
#                                                    copy (never beside assets/samples); default annotations.png
#        scripts/screenshot.sh --comparison [OUTPUT]  comparison view of three samples; default comparison.png
#        scripts/screenshot.sh --case-view FOLDER CASE [OUTPUT]
#                                                    case view of the evidence FOLDER in the case folder CASE (run
#                                                    `provenant batch FOLDER --out DIR --case CASE` first so that the
#                                                    view fills from stored results); default case-view.png
#        EXTRA_PROPS="-Dprovenant.showPanel=c2pa" scripts/screenshot.sh IMAGE OUTPUT   with that panel in front
#        scripts/screenshot.sh --tour                 pixel toolbox on an edited astronaut (scripts/MakeEditedSample.java,
#                                                    in a temp folder): overview.png, panel-<id>.png, loupe.png
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=workbench
case "${1:-}" in
  --annotations) MODE=annotations; shift ;;
  --comparison) MODE=comparison; shift ;;
  --case-view) MODE=caseview; shift ;;
  --tour) MODE=tour; shift ;;
esac
SIZE="${SIZE:-1600x1000}"
TMPDIR_SHOT=$(mktemp -d)
PROPS=""
WAIT="provenant: Analysis finished"
case "$MODE" in
  workbench)
    IMAGE="${1:-assets/samples/astronaut.png}"
    OUT="${2:-assets/screenshots/workbench.png}" ;;
  annotations)
    OUT="${1:-assets/screenshots/annotations.png}"
    cp assets/samples/chelsea.png "$TMPDIR_SHOT/chelsea.png"
    IMAGE="$TMPDIR_SHOT/chelsea.png"
    # the case file format of org.provenant.analysis.casefolder.CaseFiles (coordinates in image pixels)
    cat >"$IMAGE.provenant.json" <<'JSON'
{ "format": "provenant-case", "version": 1,
  "case": { "caseNumber": "2026-0415", "examiner": "A. Examiner", "notes": "Screenshot case: sample photograph, not evidence.",
    "evidenceFile": "chelsea.png", "evidenceSha256": "",
    "annotations": [
      { "kind": "RECTANGLE", "x1": 128, "y1": 78, "x2": 216, "y2": 152, "text": "Eye: compare the catchlight with the other eye",
        "author": "A. Examiner", "created": "2026-11-23T10:30:00Z", "colour": "#ffd400" },
      { "kind": "ARROW", "x1": 400, "y1": 285, "x2": 282, "y2": 246, "text": "Nose edge: sharper than the whiskers around it",
        "author": "A. Examiner", "created": "2026-11-23T10:31:00Z", "colour": "#ff4081" },
      { "kind": "NOTE", "x1": 300, "y1": 40, "x2": 300, "y2": 40, "text": "Fur texture looks smooth here",
        "author": "A. Examiner", "created": "2026-11-23T10:32:00Z", "colour": "#00e5ff" } ] } }
JSON
    PROPS="-Dprovenant.showAnnotations=true" ;;
  comparison)
    OUT="${1:-assets/screenshots/comparison.png}"
    IMAGE=""
    PROPS="-Dprovenant.compare=assets/samples/astronaut.png,assets/samples/coffee.png,assets/samples/chelsea.png"
    WAIT="provenant: Comparison finished" ;;
  caseview)
    IMAGE=""
    PROPS="-Dprovenant.caseView=$1 -Dprovenant.case=$2"
    OUT="${3:-assets/screenshots/case-view.png}"
    SETTLE=10   # from stored results the batch ends before the new window is first painted
    WAIT="provenant: Case view finished" ;;
  tour)
    java scripts/MakeEditedSample.java "$TMPDIR_SHOT/astronaut-edited.png"
    IMAGE="$TMPDIR_SHOT/astronaut-edited.png"
    OUT="$TMPDIR_SHOT/last.png"
    PROPS="-Dprovenant.tour=overview;panel:error-level;panel:noise-map;panel:jpeg-ghosts;panel:copy-move;loupe:copy-move:352:80:8:map -Dprovenant.tourDir=assets/screenshots"
    WAIT="provenant: Tour finished" ;;
esac
PROPS="$PROPS ${EXTRA_PROPS:-}"   # e.g. EXTRA_PROPS=-Dprovenant.showPanel=c2pa puts that indicator's panel in front
[ -z "$IMAGE" ] || [ -f "$IMAGE" ] || { echo "screenshot: no image $IMAGE" >&2; exit 1; }
# package, not compile: the report module's test scope needs the core test jar, which only package makes
mvn -B -o -q package -DskipTests -DskipInstaller dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl src/app -am
LOG=$(mktemp)
HOMEDIR=$(mktemp -d)   # fresh user home: no recent files from the person running the script
SETTLE="${SETTLE:-2}"
export SIZE IMAGE OUT LOG HOMEDIR PROPS WAIT SETTLE
xvfb-run -a -s "-screen 0 ${SIZE}x24" bash -c '
  java -Duser.home="$HOMEDIR" -Dprovenant.trace=true -Dprovenant.window="$SIZE" -Dprism.order=sw $PROPS \
       -cp "src/app/target/classes:$(cat src/app/target/classpath.txt)" org.provenant.app.Launcher $IMAGE >"$LOG" 2>&1 &
  PID=$!
  for i in $(seq 1 480); do
    if grep -q "$WAIT" "$LOG"; then break; fi
    if ! kill -0 $PID 2>/dev/null; then echo "screenshot: the app exited:" >&2; cat "$LOG" >&2; exit 1; fi
    sleep 0.5
  done
  grep -q "$WAIT" "$LOG" || { echo "screenshot: analysis did not finish" >&2; cat "$LOG" >&2; kill $PID; exit 1; }
  sleep "$SETTLE"   # let the last panels render
  import -window root "$OUT"
  kill $PID
  grep -E "^provenant: (Analysis finished|Comparison finished|JavaFX thread|Tour)" "$LOG"   # the measured figures
'
rm -rf "$LOG" "$HOMEDIR" "$TMPDIR_SHOT"
echo "screenshot: wrote $OUT"
