#!/usr/bin/python3
"""Classic-codec negatives for the neural-codec detectors (issue 21 item 5): AVIF, JPEG XL and WebP decodes of the
lossless crops of the TRAINING-split real photos only (models/training/splits.py; the held-out photos' decodes are
build_eval.py's evaluation set `classic`, run k, and are never made here).

    /usr/bin/python3 models/training/data/build_classic_train.py        # -> data/classic-train (after build_eval.py's corpus)

Same encoders, decoders and quality ranges as build_eval.py's `classic` step (avifenc -s 6 quantizer 20-40, cjxl -q
60-90, cwebp -q 60-90, one quality drawn per photo and codec from the same seeded streams), decoded to 8-bit RGB PNG.
Writes DATA/classic-train/index.tsv in the corpus's format (label `real`, source = the classic codec, parent = the
photo, so folds by photo keep a photo and its decodes together) and manifest.sha256 with the SHA-256 of every decode.
"""
import argparse
import os

import build_eval

COLUMNS = ["path", "label", "source", "collection", "parent", "transform", "format", "split"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(build_eval.REPO, "data"), help="the data folder (default: the repository's data/)")
    a = ap.parse_args()
    corpus, out = os.path.join(a.data, "corpus"), os.path.join(a.data, "classic-train")
    rows = build_eval.classic(corpus, out, build_eval.lossless_crops(corpus), split="training")
    with open(os.path.join(out, "index.tsv"), "w") as fh, open(os.path.join(out, "manifest.sha256"), "w") as mf:
        fh.write("\t".join(COLUMNS) + "\n")
        for rel, label, codec, parent, t, split, _, fmt in rows:
            fh.write("\t".join([rel, label, codec, "classic-train", parent, t, fmt, split]) + "\n")
            mf.write("%s  %s\n" % (build_eval.sha(os.path.join(out, rel)), rel))
    print(len(rows), "classic decodes of training photos ->", out)


if __name__ == "__main__":
    main()
