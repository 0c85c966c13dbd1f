#!/usr/bin/env bash
# Builds Provenant's installers with JDK 17's jpackage. Usage (from anywhere):
#
#   bash installer/build.sh app-image     # target/installer/Provenant/ (self-contained, no JDK needed to run)
#   bash installer/build.sh deb           # target/installer/provenant_<version>_amd64.deb (needs fakeroot, dpkg-deb)
#   bash installer/build.sh msi|exe       # on Windows with the WiX Toolset 3 on PATH (see installer/README.md)
#   bash installer/build.sh dmg|pkg       # on macOS (see installer/README.md)
#
# Options: --no-build   use target/*.jar and target/lib as they are (how `mvn verify` calls this script);
#                       without it the script runs `mvn -B -o -q package -DskipTests` first when the jar is missing.
# The app image's launcher is checked afterwards (bin/Provenant exists, bin/provenant-cli runs `help`).
set -euo pipefail

TYPE="${1:-app-image}"
BUILD=1
for a in "${@:2}"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    *) echo "build.sh: unknown option $a (usage: bash installer/build.sh app-image|deb|rpm|msi|exe|dmg|pkg [--no-build])" >&2; exit 2 ;;
  esac
done
case "$TYPE" in
  app-image|deb|rpm|msi|exe|dmg|pkg) ;;
  *) echo "build.sh: unknown type '$TYPE' (app-image, deb, rpm, msi, exe, dmg or pkg)" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
HERE="$ROOT/installer"
OUT="$ROOT/target/installer"
NAME="Provenant"

command -v jpackage >/dev/null || { echo "build.sh: jpackage not found; install a JDK 17 (Debian: openjdk-17-jdk-headless) and put its bin/ on PATH" >&2; exit 1; }

# The window's jar (target/provenant-app-*.jar, built by the src/app module) is the main jar of both launchers:
# its manifest Class-Path names every jar in target/lib, the command line's (provenant-cli) among them.
find_jar() { ls target/provenant-app-*.jar 2>/dev/null | grep -v -E -- '-(sources|javadoc|tests)\.jar$' | head -n1 || true; }
JAR="$(find_jar)"
if [[ -z "$JAR" || ! -d target/lib ]]; then
  if [[ $BUILD == 1 ]]; then
    mvn -B -o -q package -DskipTests -DskipInstaller
    JAR="$(find_jar)"
  else
    echo "build.sh: target/provenant-app-*.jar or target/lib is missing; run 'mvn package' first" >&2; exit 1
  fi
fi
JARNAME="$(basename "$JAR")"
# jpackage wants a purely numeric version: 0.1.0-SNAPSHOT -> 0.1.0
VERSION="$(echo "$JARNAME" | sed -E 's/^provenant-app-([0-9]+(\.[0-9]+){0,2}).*\.jar$/\1/')"
[[ "$VERSION" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || VERSION="0.0.0"
MAIN_CLASS="org.provenant.app.Launcher"

# jpackage copies everything under --input into the app: the main jar, its lib/ (the jar's manifest
# Class-Path points there) and the models folder (manifest + files, verified by SHA-256 at run time).
INPUT="$OUT/input"
rm -rf "$INPUT" "$OUT/$NAME"
mkdir -p "$INPUT"
cp "$JAR" "$INPUT/"
cp -r target/lib "$INPUT/lib"
# the training commands are not on the window's class path (src/app/pom.xml excludes provenant-training): not shipped
rm -f "$INPUT"/lib/provenant-training-*.jar
if [[ -d models ]]; then
  mkdir -p "$INPUT/models"
  find models -mindepth 1 -maxdepth 1 ! -name training -exec cp -r {} "$INPUT/models/" \;
fi

COMMON=(--name "$NAME" --app-version "$VERSION" --vendor "Provenant project"
        --description "Forensic workbench for suspect images: generative-model, neural-codec and manipulation indicators")
APP_OPTS=(--input "$INPUT" --main-jar "$JARNAME" --main-class "$MAIN_CLASS"
          --java-options '-XX:MaxRAMPercentage=60'
          --java-options '-Dprovenant.models=$APPDIR/models'
          --add-launcher "provenant-cli=$HERE/provenant-cli.properties"
          --jlink-options '--strip-debug --no-header-files --no-man-pages --strip-native-commands')
ICON_PNG="$ROOT/assets/provenant.png"

mkdir -p "$OUT"
started=$(date +%s)
case "$TYPE" in
  app-image)
    jpackage --type app-image --dest "$OUT" "${COMMON[@]}" "${APP_OPTS[@]}" --icon "$ICON_PNG"
    ;;
  deb|rpm)
    if [[ $TYPE == deb ]] && ! { command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null; }; then
      if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq fakeroot dpkg
      else
        echo "build.sh: a .deb needs fakeroot and dpkg-deb: sudo apt-get install fakeroot dpkg" >&2; exit 1
      fi
    fi
    if [[ $TYPE == rpm ]] && ! command -v rpmbuild >/dev/null; then
      echo "build.sh: an .rpm needs rpmbuild: sudo apt-get install rpm (or dnf install rpm-build)" >&2; exit 1
    fi
    # always package a freshly built and checked app image
    bash "$0" app-image --no-build
    jpackage --type "$TYPE" --dest "$OUT" "${COMMON[@]}" --app-image "$OUT/$NAME" \
      --linux-package-name provenant --linux-shortcut --linux-menu-group Graphics --linux-app-category graphics \
      --icon "$ICON_PNG"
    ;;
  msi|exe)
    # Windows: WiX Toolset 3 (candle.exe, light.exe) on PATH; icon as .ico (see README.md)
    ICO="$ROOT/assets/provenant.ico"
    jpackage --type "$TYPE" --dest "$OUT" "${COMMON[@]}" "${APP_OPTS[@]}" \
      --win-menu --win-menu-group Provenant --win-shortcut --win-dir-chooser \
      $( [[ -f "$ICO" ]] && echo --icon "$ICO" )
    ;;
  dmg|pkg)
    # macOS: Xcode command line tools; icon as .icns (see README.md)
    ICNS="$ROOT/assets/provenant.icns"
    jpackage --type "$TYPE" --dest "$OUT" "${COMMON[@]}" "${APP_OPTS[@]}" \
      --mac-package-name Provenant \
      $( [[ -f "$ICNS" ]] && echo --icon "$ICNS" )
    ;;
esac
echo "build.sh: jpackage --type $TYPE took $(( $(date +%s) - started )) s"

if [[ $TYPE == app-image ]]; then
  LAUNCHER="$OUT/$NAME/bin/$NAME"
  CLI="$OUT/$NAME/bin/provenant-cli"
  [[ -x "$LAUNCHER" ]] || { echo "build.sh: FAILED: the app image has no launcher $LAUNCHER" >&2; exit 1; }
  [[ -f "$OUT/$NAME/lib/app/$JARNAME" ]] || { echo "build.sh: FAILED: $JARNAME is not in the app image" >&2; exit 1; }
  [[ -f "$OUT/$NAME/lib/app/models/manifest.json" || ! -f models/manifest.json ]] || { echo "build.sh: FAILED: models/manifest.json is not in the app image" >&2; exit 1; }
  if ! "$CLI" help | grep -q "provenant report"; then
    echo "build.sh: FAILED: $CLI help did not list the commands" >&2; exit 1
  fi
  echo "build.sh: app image ready: $OUT/$NAME (launcher bin/$NAME, CLI bin/provenant-cli, $(du -sh "$OUT/$NAME" | cut -f1))"
else
  ls -1 "$OUT"/*."$TYPE" 2>/dev/null | sed 's/^/build.sh: built /' || true
fi
