#!/usr/bin/python3
"""Training pool of the ZED real-image coder: crops of the TRAINING split of real photographs only
(models/training/splits.py), with the augmentations of issue 21 (JPEG re-saves q70-100 at 4:2:0 and 4:4:4,
downscales 0.5-0.9, crops).

    /usr/bin/python3 models/training/zed/build_data.py --out data/zed

Sources: ../shared/datasets/real-camera (TRAINING repos) and ../shared/datasets/gen-vs-real/real (TRAINING photo
collections). Wallpapers, python3-skimage photos, the held-out repos/collections and every generated image are
never read here.

Each photo gives VARIANTS variants, each one random CROP x CROP crop (smaller photos: their largest
multiple-of-16 square), seeded per photo:
  0 as stored (the camera's own JPEG, decoded)
  1,2 re-saved as JPEG, quality uniform 70-100, 4:2:0 or 4:4:4 with equal odds
  3 downscaled by a factor uniform 0.5-0.9 (PIL Lanczos, bicubic or bilinear, antialiased), kept lossless
  4,5 downscaled as 3, then re-saved as JPEG as 1,2
Output: <out>/pool.npy (uint8, N x CROP x CROP x 3; crops under CROP are padded by edge replication and their
true size is in index.tsv), <out>/index.tsv (one row per crop), <out>/pool.sha256.
"""
import argparse
import csv
import hashlib
import io
import os
import random
import sys
import zlib

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "data"))
import splits  # noqa: E402
from build_corpus import find_shared, load_rgb  # noqa: E402

SEED = 20261206
CROP = 256
VARIANTS = 6
RESAMPLERS = [("lanczos", Image.LANCZOS), ("bicubic", Image.BICUBIC), ("bilinear", Image.BILINEAR)]
def training_photos(shared):
    """(collection, key, path) of every TRAINING real photograph."""
    ds = os.path.join(shared, "datasets")
    out = []
    for r in splits.real_camera_rows(shared):
        if r["split"] == "training":
            out.append(("real-camera", r["repo"], os.path.join(ds, "real-camera", r["file"])))
    with open(os.path.join(ds, "gen-vs-real", "SOURCES.tsv"), newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["label"] != "real":
                continue
            src = splits.photo_source(r["path_in_repo"])
            if splits.always_held_out(src) or not splits.is_training(src):
                continue
            out.append(("gen-vs-real", src, os.path.join(ds, "gen-vs-real", r["file"])))
    return out


def jpeg(im, q, sub):
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q, subsampling=0 if sub == "444" else 2)
    b.seek(0)
    return Image.open(b).convert("RGB")


def variant(im, v, r):
    """(image, description) of variant v."""
    desc = []
    if v >= 3:
        f = r.uniform(0.5, 0.9)
        name, res = r.choice(RESAMPLERS)
        w, h = im.size
        im = im.resize((max(16, round(w * f)), max(16, round(h * f))), res)
        desc.append("down%.2f-%s" % (f, name))
    if v in (1, 2, 4, 5):
        q = r.randint(70, 100)
        sub = r.choice(("420", "444"))
        im = jpeg(im, q, sub)
        desc.append("jpeg%d-%s" % (q, sub))
    return im, "-".join(desc) or "stored"


def crop(im, r):
    w, h = im.size
    s = min(CROP, w // 16 * 16, h // 16 * 16)
    x = r.randint(0, w - s)
    y = r.randint(0, h - s)
    a = np.asarray(im.crop((x, y, x + s, y + s)), dtype=np.uint8)
    if s < CROP:
        a = np.pad(a, ((0, CROP - s), (0, CROP - s), (0, 0)), mode="edge")
    return a, s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="data/zed")
    ap.add_argument("--shared", help="the shared data folder (default: $PROVENANT_SHARED, else shared/ beside the repository)")
    args = ap.parse_args()
    shared = find_shared(args.shared)
    photos = training_photos(shared)
    os.makedirs(args.out, exist_ok=True)
    pool = np.zeros((len(photos) * VARIANTS, CROP, CROP, 3), np.uint8)
    rows = []
    n = 0
    for coll, key, path in photos:
        base = load_rgb(path)
        if min(base.size) < 64:
            continue
        for v in range(VARIANTS):
            r = random.Random(SEED ^ zlib.crc32(("%s|%d" % (os.path.basename(path), v)).encode()))
            im, desc = variant(base, v, r)
            a, s = crop(im, r)
            pool[n] = a
            rows.append((n, coll, key, os.path.basename(path), desc, s))
            n += 1
    pool = pool[:n]
    np.save(os.path.join(args.out, "pool.npy"), pool)
    with open(os.path.join(args.out, "index.tsv"), "w") as fh:
        fh.write("row\tcollection\tkey\tfile\tvariant\tsize\n")
        for row in rows:
            fh.write("\t".join(str(c) for c in row) + "\n")
    digest = hashlib.sha256(pool.tobytes()).hexdigest()
    with open(os.path.join(args.out, "pool.sha256"), "w") as fh:
        fh.write(digest + "  pool.npy (pixels)\n")
    print("%d crops from %d photos (%d real-camera, %d gen-vs-real), sha256 of pixels %s" % (
        n, len(photos), sum(p[0] == "real-camera" for p in photos), sum(p[0] == "gen-vs-real" for p in photos),
        digest))


if __name__ == "__main__":
    main()
