#!/usr/bin/python3
"""JPEG re-saves of untouched real photographs, as an examiner receives them (issue 22, "Pasted region").

    /usr/bin/python3 models/training/edits/photo_resaves.py --split training --out data/resaves/training
    /usr/bin/python3 models/training/edits/photo_resaves.py --split held-out --wallpapers --out data/resaves/heldout
    /usr/bin/python3 models/training/edits/photo_resaves.py --split training --png --out data/resaves/training-png

The photos of one split of models/training/splits.py: real-camera photos of its repositories and gen-vs-real photos of
its collections; for held-out also python3-skimage's eight colour photographs and, with --wallpapers, the Debian
wallpaper photographs (models/training/data/build_corpus.py; fetched with apt-get download into data/debs). Each is
decoded and saved once more as a JPEG (PIL) at a quality drawn from 70-95, with 4:4:4 chroma (30 %) or 4:2:0, seeded
by the photo's name (its file name; wp-<folder> for a wallpaper). No crop and no resize, so a JPEG photo keeps its
8x8 grid: it is then compressed twice with nothing pasted, the case a double-compression region verdict must not
accuse. The quality and chroma are in the name (NAME__q85420.jpg). With --png each is saved losslessly instead
(NAME__png.png): a JPEG photo then keeps its JPEG trace in the pixels, with nothing pasted.
Resumable; writes <out>/list.txt (the originals, one path a line) and <out>/SHA256SUMS.
"""
import argparse
import csv
import hashlib
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "data"))
import splits  # noqa: E402
from build_corpus import SKIMAGE_DATA, SKIMAGE_PHOTOS, WALLPAPER_PHOTOS, fetch_wallpapers, find_shared  # noqa: E402


def photos(split, wallpapers=None):
    """(path, unique name) of the split's photos; wallpapers: the folder fetch_wallpapers unpacked, or None."""
    shared = find_shared()
    out = [os.path.join(shared, "datasets", "real-camera", r["file"]) for r in splits.real_camera_rows(shared)
           if r["split"] == split]
    out = [(p, os.path.splitext(os.path.basename(p))[0]) for p in out]
    with open(os.path.join(shared, "datasets", "gen-vs-real", "SOURCES.tsv"), newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            src = splits.photo_source(r["path_in_repo"])
            if r["label"] == "real" and src != "skimage" and splits.split_of(src) == split:
                p = os.path.join(shared, "datasets", "gen-vs-real", r["file"])
                out.append((p, os.path.splitext(os.path.basename(p))[0]))
    if split == "held-out":
        out += [(os.path.join(SKIMAGE_DATA, f), "sk-" + os.path.splitext(f)[0]) for f in SKIMAGE_PHOTOS]
    if split == "held-out" and wallpapers:
        for pkg, files in WALLPAPER_PHOTOS.items():
            for f in files:
                name = f.split("/wallpapers/")[1].split("/")[0] if "/wallpapers/" in f else os.path.splitext(os.path.basename(f))[0]
                out.append((os.path.join(wallpapers, pkg, f), "wp-" + name))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["training", "held-out"], required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--work", default="data", help="where --wallpapers keeps the Debian packages")
    ap.add_argument("--wallpapers", action="store_true")
    ap.add_argument("--png", action="store_true", help="save losslessly (PNG) instead of as JPEG")
    a = ap.parse_args()
    from PIL import Image
    os.makedirs(a.out, exist_ok=True)
    listed = photos(a.split, fetch_wallpapers(os.path.abspath(a.work)) if a.wallpapers else None)
    sums = []
    for p, name in listed:
        r = random.Random(hashlib.sha256(name.encode()).hexdigest())
        q = r.randint(70, 95)
        sub = 0 if r.random() < 0.3 else 2
        if a.png:
            dst = os.path.join(a.out, "%s__png.png" % name)
            if not os.path.exists(dst):
                Image.open(p).convert("RGB").save(dst, compress_level=1)
        else:
            dst = os.path.join(a.out, "%s__q%d%s.jpg" % (name, q, "444" if sub == 0 else "420"))
            if not os.path.exists(dst):
                Image.open(p).convert("RGB").save(dst, quality=q, subsampling=sub)
        with open(dst, "rb") as fh:
            sums.append("%s  %s\n" % (hashlib.sha256(fh.read()).hexdigest(), os.path.basename(dst)))
    with open(os.path.join(a.out, "list.txt"), "w") as fh:
        fh.writelines(p + "\n" for p, _ in listed)
    with open(os.path.join(a.out, "SHA256SUMS"), "w") as fh:
        fh.writelines(sums)
    print(len(listed), a.split, "photos re-saved ->", a.out)


if __name__ == "__main__":
    main()
