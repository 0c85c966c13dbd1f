#!/usr/bin/python3
"""The small held-out fixtures of the ZED tests (src/core/test/resources/zed/fixtures), chosen by a fixed rule, never
by their scores:

    /usr/bin/python3 models/training/zed/make_fixtures.py --out src/core/test/resources/zed/fixtures

* real: every held-out real-camera photo (models/training/splits.py) from a repository under a permissive licence
  (Apache-2.0, MIT, BSD): a 256x256 centre crop cut losslessly with `jpegtran -crop` at an MCU-aligned offset, so the
  file is still the camera's JPEG (quantisation tables and DCT coefficients unchanged);
* generated: from ../shared/datasets/gen-vs-real-2/generated, the MIT or Apache-2.0 generators in alphabetical order,
  every fourth one (licence column exactly "MIT" or "Apache-2.0") (first image of each by file name), a lossless 256x256 centre crop saved as PNG.
Writes SOURCES.tsv (file, label, source, repo, licence, origin) beside them.
"""
import argparse
import csv
import os
import subprocess
import sys

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import splits  # noqa: E402
from evaluate_zed import find_shared  # noqa: E402

PERMISSIVE = ("Apache-2.0", "MIT", "BSD")
SIDE = 256


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="src/core/test/resources/zed/fixtures")
    ap.add_argument("--shared", help="the shared data folder (default: $PROVENANT_SHARED, else shared/ beside the repository)")
    args = ap.parse_args()
    shared = find_shared(args.shared)
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for r in splits.real_camera_rows(shared):
        if r["split"] != "held-out" or not r["licence"].startswith(PERMISSIVE):
            continue
        src = os.path.join(shared, "datasets", "real-camera", r["file"])
        w, h = Image.open(src).size
        x, y = (w - SIDE) // 2 // 16 * 16, (h - SIDE) // 2 // 16 * 16
        name = "real-" + os.path.basename(r["file"]).split("__")[0] + ".jpg"
        subprocess.run(["jpegtran", "-copy", "none", "-crop", "%dx%d+%d+%d" % (SIDE, SIDE, x, y), "-outfile",
                        os.path.join(args.out, name), src], check=True)
        rows.append((name, "real", r["make"] + " " + r["model"], r["repo"], r["licence"], r["file"]))
    with open(os.path.join(shared, "datasets", "gen-vs-real-2", "SOURCES.tsv"), newline="") as fh:
        gen = [r for r in csv.DictReader(fh, delimiter="\t") if r["licence"] in ("MIT", "Apache-2.0")]
    first = {}
    for r in sorted(gen, key=lambda r: r["file"]):
        first.setdefault(r["generator"], r)
    for g in sorted(first)[::4]:
        r = first[g]
        im = Image.open(os.path.join(shared, "datasets", "gen-vs-real-2", r["file"])).convert("RGB")
        w, h = im.size
        s = min(SIDE, w // 16 * 16, h // 16 * 16)
        x, y = (w - s) // 2, (h - s) // 2
        name = "generated-" + g + ".png"
        im.crop((x, y, x + s, y + s)).save(os.path.join(args.out, name))
        rows.append((name, "generated", g, r["repo"], r["licence"], r["file"]))
    with open(os.path.join(args.out, "SOURCES.tsv"), "w") as fh:
        fh.write("file\tlabel\tsource\trepo\tlicence\torigin\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(len(rows), "fixtures")


if __name__ == "__main__":
    main()
