#!/usr/bin/python3
"""Index of untouched HELD-OUT real photographs for the localization tables and calibrations (issue 22).

    /usr/bin/python3 models/training/edits/heldout_photos.py --out data/heldout-photos [--wallpapers] [--resaves]

Writes <out>/index.tsv (columns path, label, source, parent, transform, collection; `provenant evaluate ... --untouched
<out>` reads it) listing, as published (no copy is made; paths point into the shared datasets):
  * real-camera photos of HELD-OUT repositories and gen-vs-real photos of HELD-OUT collections
    (models/training/splits.py); source = repository or collection, the key the folds of the Java side use;
  * python3-skimage's colour photographs (source "skimage") and, with --wallpapers, the Debian wallpaper photographs
    of models/training/data/build_corpus.py (source "debian-wallpaper"; fetched with apt-get download into
    <work>/debs): never used to fit anything, so they measure false alarms of fitted thresholds.
With --resaves it also saves each photo again as a JPEG at quality 90 (PIL, 4:2:0: what an upload does) into <out>/q90/
and lists the copy beside its original (transform "jpeg-q90", same source and parent, so it stays in its photo's fold):
the localization's calibration is fitted and measured on both (docs/localization.md, session 11).
"""
import argparse
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "data"))
import splits  # noqa: E402
from build_corpus import SKIMAGE_DATA, SKIMAGE_PHOTOS, WALLPAPER_PHOTOS, fetch_wallpapers, find_shared  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="data/heldout-photos")
    ap.add_argument("--work", default="data", help="where --wallpapers keeps the Debian packages")
    ap.add_argument("--wallpapers", action="store_true")
    ap.add_argument("--resaves", action="store_true", help="also list a JPEG q90 re-save of every photo")
    a = ap.parse_args()
    shared = find_shared()
    rows = []
    for r in splits.real_camera_rows(shared):
        if r["split"] == "held-out":
            p = os.path.join(shared, "datasets", "real-camera", r["file"])
            rows.append((p, r["repo"], "rc-" + os.path.splitext(os.path.basename(p))[0], "real-camera"))
    with open(os.path.join(shared, "datasets", "gen-vs-real", "SOURCES.tsv"), newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["label"] != "real":
                continue
            src = splits.photo_source(r["path_in_repo"])
            if src == "skimage" or splits.split_of(src) != "held-out":
                continue
            p = os.path.join(shared, "datasets", "gen-vs-real", r["file"])
            rows.append((p, src, "r-" + os.path.splitext(os.path.basename(p))[0], "gen-vs-real"))
    for f in SKIMAGE_PHOTOS:
        rows.append((os.path.join(SKIMAGE_DATA, f), "skimage", "sk-" + os.path.splitext(f)[0], "skimage"))
    if a.wallpapers:
        x = fetch_wallpapers(os.path.abspath(a.work))
        for pkg, files in WALLPAPER_PHOTOS.items():
            for f in files:
                name = f.split("/wallpapers/")[1].split("/")[0] if "/wallpapers/" in f else os.path.splitext(os.path.basename(f))[0]
                rows.append((os.path.join(x, pkg, f), "debian-wallpaper", "wp-" + name, "debian-wallpaper"))
    os.makedirs(a.out, exist_ok=True)
    listed = [(os.path.abspath(p), src, parent, "original", coll) for p, src, parent, coll in rows]
    if a.resaves:
        from PIL import Image
        os.makedirs(os.path.join(a.out, "q90"), exist_ok=True)
        for p, src, parent, coll in rows:
            q = os.path.abspath(os.path.join(a.out, "q90", parent + "__q90.jpg"))
            Image.open(p).convert("RGB").save(q, quality=90)
            listed.append((q, src, parent, "jpeg-q90", coll))
    with open(os.path.join(a.out, "index.tsv"), "w") as fh:
        fh.write("path\tlabel\tsource\tparent\ttransform\tcollection\n")
        for p, src, parent, transform, coll in listed:
            fh.write("%s\treal\t%s\t%s\t%s\t%s\n" % (p, src, parent, transform, coll))
    print(len(listed), "photos ->", os.path.join(a.out, "index.tsv"))


if __name__ == "__main__":
    main()
