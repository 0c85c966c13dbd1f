#!/usr/bin/python3
"""The evaluation set of the ZED indicator for `provenant evaluate` (a corpus-style index.tsv): HELD-OUT real
photographs and every generated image, as stored and after the re-saves of issue 21 item 3.

    /usr/bin/python3 models/training/zed/build_eval.py --corpus data/corpus --out data/zed-eval

Images (as evaluate_zed.py): real = the held-out photographs of the corpus as published (corpus split `held-out`,
transform `original` or `resized*`); generated = every file of ../shared/datasets/gen-vs-real/generated and
gen-vs-real-2/generated. None of them trained the coder.

Transforms, for both classes (seeded per image):
  original     the file as stored (real: the camera JPEG / published file; generated: the generator's file)
  q90-420      JPEG quality 90, 4:2:0 (PIL), what an upload typically does
  jpegQ-SUB    JPEG quality uniform 70-95, 4:2:0 or 4:4:4 with equal odds
  downF        Lanczos downscale by a factor uniform 0.5-0.9, saved as PNG
Index columns: path, label, source (generator or photo collection), collection, parent, transform, split.
Re-saved files are written under <out>/files/; originals are referenced where they lie (relative paths).
"""
import argparse
import io
import os
import random
import sys
import zlib

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from evaluate_zed import find_shared, images, load_rgb  # noqa: E402  (find_shared, load_rgb: build_corpus.py)

SEED = 20261207


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="data/corpus")
    ap.add_argument("--out", default="data/zed-eval")
    ap.add_argument("--shared", help="the shared data folder (default: $PROVENANT_SHARED, else shared/ beside the repository)")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(os.path.join(out, "files"), exist_ok=True)
    rows = []
    for label, source, ident, path in images(args.corpus, find_shared(args.shared)):
        r = random.Random(SEED ^ zlib.crc32(ident.encode()))
        parent = ("r-" if label == "real" else "g-") + ident
        rows.append((os.path.relpath(os.path.abspath(path), out), label, source, parent, "original"))
        im = load_rgb(path)
        q, sub = r.randint(70, 95), r.choice(("420", "444"))
        f = r.uniform(0.5, 0.9)
        for transform, make in (
                ("q90-420", lambda: jpeg(im, 90, "420")),
                ("jpeg%d-%s" % (q, sub), lambda: jpeg(im, q, sub)),
                ("down%.2f" % f, lambda: png(im.resize((max(16, round(im.width * f)), max(16, round(im.height * f))),
                                                       Image.LANCZOS)))):
            data, ext = make()
            name = "%s/%s__%s.%s" % (label, parent, transform, ext)
            os.makedirs(os.path.join(out, "files", label), exist_ok=True)
            with open(os.path.join(out, "files", name), "wb") as fh:
                fh.write(data)
            rows.append(("files/" + name, label, source, parent, transform))
    with open(os.path.join(out, "index.tsv"), "w") as fh:
        fh.write("path\tlabel\tsource\tparent\ttransform\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print("%d files (%d originals)" % (len(rows), len(rows) // 4))


def jpeg(im, q, sub):
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q, subsampling=0 if sub == "444" else 2)
    return b.getvalue(), "jpg"


def png(im):
    b = io.BytesIO()
    im.save(b, "PNG")
    return b.getvalue(), "png"


if __name__ == "__main__":
    main()
