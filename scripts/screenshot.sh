#!/usr/bin/env bash
# Takes assets/screenshots/workbench.png: builds, starts the workbench under Xvfb on an image, waits until the
# analysis has finished, grabs the screen (the window fills it) with ImageMagick's import, and closes the app.
# Usage: scripts/screenshot.sh [IMAGE] [OUTPUT]   (default image: assets/samples/astronaut.png)
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE="${1:-assets/samples/astronaut.png}"
OUT="${2:-assets/screenshots/workbench.png}"
SIZE="${SIZE:-1600x1000}"
[ -f "$IMAGE" ] || { echo "screenshot: no image $IMAGE" >&2; exit 1; }
mvn -B -o -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
LOG=$(mktemp)
HOMEDIR=$(mktemp -d)   # fresh user home: no recent files from the person running the script
export SIZE IMAGE OUT LOG HOMEDIR
xvfb-run -a -s "-screen 0 ${SIZE}x24" bash -c '
  java -Duser.home="$HOMEDIR" -Dprovenant.trace=true -Dprovenant.window="$SIZE" -Dprism.order=sw \
       -cp "target/classes:$(cat target/classpath.txt)" org.provenant.app.Launcher "$IMAGE" >"$LOG" 2>&1 &
  PID=$!
  for i in $(seq 1 240); do
    if grep -q "provenant: Analysis finished" "$LOG"; then break; fi
    if ! kill -0 $PID 2>/dev/null; then echo "screenshot: the app exited:" >&2; cat "$LOG" >&2; exit 1; fi
    sleep 0.5
  done
  grep -q "provenant: Analysis finished" "$LOG" || { echo "screenshot: analysis did not finish" >&2; cat "$LOG" >&2; kill $PID; exit 1; }
  sleep 2   # let the last panels render
  import -window root "$OUT"
  kill $PID
  grep -E "^provenant: (Analysis finished|JavaFX thread)" "$LOG"   # the measured figures
'
rm -rf "$LOG" "$HOMEDIR"
echo "screenshot: wrote $OUT"
