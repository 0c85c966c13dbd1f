#!/usr/bin/python3
"""Builds Provenant's real-vs-generated evaluation corpus (issue 10, part 1).

Run with Debian's python3 (python3-pil, python3-numpy, python3-skimage):

    /usr/bin/python3 models/training/data/build_corpus.py            # into data/corpus of the repository (--out DIR elsewhere)

Inputs (none of them is in git):
  * the Debian wallpaper packages listed in WALLPAPER_PHOTOS (fetched with `apt-get download`
    into <work>/debs and unpacked with `dpkg-deb -x`); only files checked by eye to be
    photographs are used, they are listed by name below;
  * Debian python3-skimage's sample photographs (SKIMAGE_PHOTOS);
  * ../shared/datasets/gen-vs-real/{real,generated}, ../shared/datasets/gen-vs-real-2/generated and
    ../shared/datasets/real-camera (the project's shared/ folder, found beside the repository or above it, or
    given by --shared DIR or $PROVENANT_SHARED).

What it undoes (the shared sets' READMEs say format, size, crop and metadata are confounded with the
label): every original of BOTH classes is cut to the same crop sizes (drawn from one list, seeded),
saved once as lossless PNG and once as a camera-like JPEG (quality 60-100, 4:2:0 or 4:4:4), metadata
dropped (pixels only). Real photos are also kept as the original file (the camera JPEG/PNG as
published, its metadata included, downscaled only when the long side exceeds 2048 px) and as a
downscaled + cropped JPEG; large generated images get the same downscaled variant.

Output layout: <out>/<label>/<source>/<parent>__<transform>.<ext> and <out>/index.tsv with the columns
path (relative to <out>), label (real|generated), source (photo collection or generator name),
collection (debian-wallpaper|skimage|gen-vs-real|gen-vs-real-2), parent (id of the original: all
variants of one original share it, so folds never split them), transform, width, height, format,
jpeg_quality, subsampling, split (models/training/splits.py: `training` or `held-out` for real photos and
their edits, `generator` for generated images, which are split by generator). <out>/manifest.sha256 lists the SHA-256 of every produced file
(`sha256sum -c` format); the copy in git is models/training/data/manifest.sha256.
"""
import argparse
import csv
import hashlib
import io
import os
import random
import subprocess
import sys
import zlib

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import splits  # noqa: E402  (models/training/splits.py)

Image.MAX_IMAGE_PIXELS = None
SEED = 20261130
CROP_SIZES = (256, 320, 384, 512)
MIN_SIDE = 256
ORIGINAL_MAX_SIDE = 2048

# Debian package -> files (paths inside the package) checked by eye to be photographs. Renders,
# illustrations, abstract art and composites (e.g. umang, Fossa, Infinite-Sea, Autumn, Kite, Elephants)
# were left out.
WALLPAPER_PHOTOS = {
    "lomiri-wallpapers-16.04": [
        "usr/share/backgrounds/Bridge_by_Sander_Klootwijk.jpg",
        "usr/share/backgrounds/Dragonfly_by_Bolly.jpg",
        "usr/share/backgrounds/Picture_0B_by_freespace.jpg",
        "usr/share/backgrounds/Picture_1A_by_freespace.jpg",
        "usr/share/backgrounds/Wine_by_Jakkub_Mede.jpg",
        "usr/share/backgrounds/aitzgorri_by_Aitzol_Berasategi.jpg",
        "usr/share/backgrounds/free_by_Peter_Nerlich.jpg",
        "usr/share/backgrounds/friends_by_Aitzol_Berasategi.jpg",
        "usr/share/backgrounds/life_by_Aitzol_Berasategi.jpg",
        "usr/share/backgrounds/picosdeeuropa_by_Aitzol_Berasategi.jpg",
        "usr/share/backgrounds/seeding_by_Clements_Engelhardt.jpg",
        "usr/share/backgrounds/sunset_by_Aitzol_Berasategi.jpg",
    ],
    "lomiri-wallpapers-20.04": [
        "usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg",
    ],
    "mate-backgrounds": [
        "usr/share/backgrounds/mate/nature/" + n + ".jpg"
        for n in ("Aqua", "Blinds", "Dune", "FreshFlower", "Garden", "GreenMeadow", "LadyBird",
                  "RainDrops", "Storm", "TwoWings", "Wood", "YellowFlower")
    ],
    "plasma-workspace-wallpapers": [
        "usr/share/wallpapers/BytheWater/contents/images/2560x1600.jpg",
        "usr/share/wallpapers/ColdRipple/contents/images/2560x1600.jpg",
        "usr/share/wallpapers/ColorfulCups/contents/images/2560x1600.jpg",
        "usr/share/wallpapers/DarkestHour/contents/images/2560x1600.jpg",
        "usr/share/wallpapers/EveningGlow/contents/images/2560x1600.jpg",
        "usr/share/wallpapers/FallenLeaf/contents/images/2560x1600.jpg",
        "usr/share/wallpapers/Grey/contents/images/2560x1600.jpg",
        "usr/share/wallpapers/MilkyWay/contents/images/5120x2880.png",
        "usr/share/wallpapers/Path/contents/images/2560x1600.jpg",
        "usr/share/wallpapers/summer_1am/contents/images/2560x1600.jpg",
    ],
}
# python3-skimage data/ photographs in colour (camera, coins: grey; hubble, retina, ihc: not camera photos).
SKIMAGE_PHOTOS = ["astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg", "motorcycle_left.png",
                  "brick.png", "grass.png", "gravel.png"]
SKIMAGE_DATA = "/usr/lib/python3/dist-packages/skimage/data"

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def find_shared(given=None):
    """The shared data folder: --shared DIR, else $PROVENANT_SHARED, else shared/ beside the repository or above it."""
    given = given or os.environ.get("PROVENANT_SHARED")
    if given:
        if not os.path.isdir(os.path.join(given, "datasets")):
            sys.exit("%s has no datasets/ folder" % given)
        return given
    d = REPO
    while d != os.path.dirname(d):
        if os.path.isdir(os.path.join(d, "shared", "datasets")):
            return os.path.join(d, "shared")
        d = os.path.dirname(d)
    sys.exit("shared/datasets not found beside the repository: give --shared DIR or set PROVENANT_SHARED")


def rng_for(key):
    return random.Random(SEED ^ zlib.crc32(key.encode()))


def load_rgb(path):
    im = Image.open(path)
    im.load()
    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGBA")
        bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, im)
    return im.convert("RGB")


def is_grey(im):
    a = np.asarray(im.resize((64, 64)), dtype=np.int16)
    return int(np.abs(a[..., 0] - a[..., 1]).max()) <= 2 and int(np.abs(a[..., 1] - a[..., 2]).max()) <= 2


def fetch_wallpapers(work):
    debs = os.path.join(work, "debs")
    os.makedirs(debs, exist_ok=True)
    for pkg in WALLPAPER_PHOTOS:
        x = os.path.join(debs, "x", pkg)
        if os.path.isdir(x):
            continue
        if not any(f.startswith(pkg + "_") for f in os.listdir(debs)):
            subprocess.run(["apt-get", "download", pkg], cwd=debs, check=True)
        deb = sorted(f for f in os.listdir(debs) if f.startswith(pkg + "_") and f.endswith(".deb"))[-1]
        os.makedirs(x, exist_ok=True)
        subprocess.run(["dpkg-deb", "-x", os.path.join(debs, deb), x], check=True)
    return os.path.join(debs, "x")


def camera_source(repo):
    """The source name of a real-camera photo: its repository, e.g. rc-openmvg-image_datasets."""
    return "rc-" + repo.replace("/", "-").lower()


def originals(shared, work):
    """Yields (label, source, collection, parent, path, split key)."""
    xdir = fetch_wallpapers(work)
    for pkg, files in WALLPAPER_PHOTOS.items():
        for f in files:
            name = f.split("/wallpapers/")[1].split("/")[0] if "/wallpapers/" in f else os.path.splitext(os.path.basename(f))[0]
            yield ("real", "wallpaper-" + pkg.split("-")[0], "debian-wallpaper", "wp-" + name, os.path.join(xdir, pkg, f),
                   "wallpaper")
    for f in SKIMAGE_PHOTOS:
        yield "real", "skimage", "skimage", "sk-" + os.path.splitext(f)[0], os.path.join(SKIMAGE_DATA, f), "skimage"
    ds = os.path.join(shared, "datasets")
    with open(os.path.join(ds, "real-camera", "SOURCES.tsv"), newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            stem = os.path.splitext(os.path.basename(row["file"]))[0]
            yield ("real", camera_source(row["repo"]), "real-camera", "c-" + stem.split("__")[0],
                   os.path.join(ds, "real-camera", row["file"]), row["repo"])
    for coll in ("gen-vs-real", "gen-vs-real-2"):
        with open(os.path.join(ds, coll, "SOURCES.tsv"), newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                stem = os.path.splitext(os.path.basename(row["file"]))[0]
                if row["label"] == "real":
                    src = splits.photo_source(row["path_in_repo"])
                    if src == "skimage":
                        continue  # the same photos come from python3-skimage above
                    yield "real", src, coll, "r-" + stem, os.path.join(ds, coll, row["file"]), src
                else:
                    yield "generated", row["generator"], coll, "g-" + stem, os.path.join(ds, coll, row["file"]), ""


def split_of(label, collection, key):
    """The shared split (models/training/splits.py) of an original: training or held-out for real photos,
    `generator` for generated images (split by generator, never trained on as real)."""
    if label == "generated":
        return "generator"
    return splits.real_split(collection, key)


def crop(im, s, r):
    w, h = im.size
    x = r.randint(0, w - s)
    y = r.randint(0, h - s)
    return im.crop((x, y, x + s, y + s))


def jpeg_bytes(im, q, sub):
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q, subsampling=0 if sub == "444" else 2, optimize=False)
    return b.getvalue()


def png_bytes(im):
    b = io.BytesIO()
    im.save(b, "PNG", optimize=False)
    return b.getvalue()


SPLICES = 80  # edited images: a real crop with a patch pasted from another original (real or generated)


def splice(out, todo, gen_sizes, write, skipped):
    """Edited class: SPLICES real crops, each with one rectangular patch (15-35 % of the side) cut from another
    original, half of them real photos, half generated images, pasted at a random place; saved as PNG and as JPEG
    (quality 75-95, 4:2:0). The patch mask (white = pasted) goes to <out>/masks/. Source: splice-real or
    splice-generated; parent: the host photo's id prefixed with "e-"."""
    r = rng_for("splices")
    reals = [o for o in todo if o[0] == "real" and o[2] != "real-camera"]  # the corpus's edits predate real-camera
    gens = [o for o in todo if o[0] == "generated"]
    hosts = r.sample(reals, min(SPLICES, len(reals)))
    os.makedirs(os.path.join(out, "masks"), exist_ok=True)
    for i, (label, source, coll, parent, path, key) in enumerate(hosts):
        rr = rng_for("splice-" + parent)
        donor_kind = "generated" if i % 2 else "real"
        try:
            host = load_rgb(path)
            if min(host.size) < MIN_SIDE or is_grey(host):
                continue
            while True:
                d = rr.choice(gens if donor_kind == "generated" else reals)
                if d[3] != parent:
                    break
            donor = load_rgb(d[4])
        except Exception as e:  # noqa: BLE001
            skipped.append(("e-" + parent, "splice failed: %s" % e))
            continue
        s = max(z for z in CROP_SIZES if z <= min(min(host.size), rr.choice(gen_sizes or list(CROP_SIZES))))
        c = crop(host, s, rr)
        pw = int(s * rr.uniform(0.15, 0.35))
        ph = int(s * rr.uniform(0.15, 0.35))
        if min(donor.size) < max(pw, ph):
            continue
        dx, dy = rr.randint(0, donor.size[0] - pw), rr.randint(0, donor.size[1] - ph)
        patch = donor.crop((dx, dy, dx + pw, dy + ph))
        x, y = rr.randint(0, s - pw), rr.randint(0, s - ph)
        c.paste(patch, (x, y))
        mask = Image.new("L", (s, s), 0)
        mask.paste(255, (x, y, x + pw, y + ph))
        src = "splice-" + donor_kind
        pid = "e-" + parent
        mask.save(os.path.join(out, "masks", pid + ".png"))
        sp = split_of(label, coll, key)
        write("edited", src, "spliced", pid, "crop%d" % s, png_bytes(c), "png", c.size, split=sp)
        q = rr.randint(75, 95)
        write("edited", src, "spliced", pid, "crop%d-jpeg%d-420" % (s, q), jpeg_bytes(c, q, "420"), "jpg", c.size, q, "420",
              split=sp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(REPO, "data", "corpus"))
    ap.add_argument("--work", default=os.path.join(REPO, "data"), help="where the Debian wallpaper packages are unpacked")
    ap.add_argument("--shared", help="the shared data folder holding datasets/ (default: shared/ beside the repository)")
    a = ap.parse_args()
    shared = find_shared(a.shared)
    rows = []
    os.makedirs(a.out, exist_ok=True)

    def write(label, source, coll, parent, transform, data, ext, size, q="", sub="", split=""):
        rel = os.path.join(label, source, f"{parent}__{transform}.{ext}")
        p = os.path.join(a.out, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as fh:
            fh.write(data)
        rows.append([rel, label, source, coll, parent, transform, size[0], size[1],
                     "jpeg" if ext == "jpg" else ext, q, sub, split, hashlib.sha256(data).hexdigest()])

    skipped = []
    gen_sizes = []  # crop sizes drawn for generated originals; real crops follow the same distribution
    todo = sorted(originals(shared, a.work), key=lambda o: o[0] == "real")
    for label, source, coll, parent, path, key in todo:
        r = rng_for(parent)
        sp = split_of(label, coll, key)
        try:
            im = load_rgb(path)
        except Exception as e:  # noqa: BLE001 - the recipe reports and goes on
            skipped.append((parent, "unreadable: %s" % e))
            continue
        w, h = im.size
        if min(w, h) < MIN_SIDE:
            skipped.append((parent, "smaller than %d px" % MIN_SIDE))
            continue
        if is_grey(im):
            skipped.append((parent, "greyscale"))
            continue
        sizes = [s for s in CROP_SIZES if s <= min(w, h)]
        if label == "generated":
            s = r.choice(sizes)
            gen_sizes.append(s)
        else:
            s = max(z for z in sizes if z <= r.choice(gen_sizes)) if gen_sizes else r.choice(sizes)
        q = r.randint(60, 100)
        sub = r.choice(("420", "444"))
        c = crop(im, s, r)
        write(label, source, coll, parent, "crop%d" % s, png_bytes(c), "png", c.size, split=sp)
        write(label, source, coll, parent, "crop%d-jpeg%d-%s" % (s, q, sub), jpeg_bytes(c, q, sub), "jpg", c.size, q, sub, split=sp)
        if label == "real":
            # the photo as published (camera JPEG or PNG, metadata kept); very large ones downscaled
            ext = os.path.splitext(path)[1].lower().lstrip(".")
            if max(w, h) <= ORIGINAL_MAX_SIDE and ext in ("jpg", "jpeg", "png"):
                with open(path, "rb") as fh:
                    write(label, source, coll, parent, "original", fh.read(), "jpg" if ext == "jpeg" else ext, (w, h), split=sp)
            else:
                f = ORIGINAL_MAX_SIDE / max(w, h)
                d = im.resize((round(w * f), round(h * f)), Image.LANCZOS)
                q2 = r.randint(85, 98)
                write(label, source, coll, parent, "resized%d-jpeg%d-420" % (ORIGINAL_MAX_SIDE, q2),
                      jpeg_bytes(d, q2, "420"), "jpg", d.size, q2, "420", split=sp)
        if min(w, h) >= 2 * MIN_SIDE + 64:
            f = r.uniform(max(0.4, (s + 8) / min(w, h)), 0.8)
            d = im.resize((round(w * f), round(h * f)), Image.LANCZOS)
            s2 = max(z for z in CROP_SIZES if z <= min(min(d.size), r.choice(gen_sizes or list(CROP_SIZES))))
            q3 = r.randint(60, 100)
            sub3 = r.choice(("420", "444"))
            c2 = crop(d, s2, r)
            write(label, source, coll, parent, "down%02d-crop%d-jpeg%d-%s" % (round(f * 100), s2, q3, sub3),
                  jpeg_bytes(c2, q3, sub3), "jpg", c2.size, q3, sub3, split=sp)

    splice(a.out, todo, gen_sizes, write, skipped)

    header = ["path", "label", "source", "collection", "parent", "transform", "width", "height", "format",
              "jpeg_quality", "subsampling", "split"]
    with open(os.path.join(a.out, "index.tsv"), "w", newline="") as fh:
        wr = csv.writer(fh, delimiter="\t", lineterminator="\n")
        wr.writerow(header)
        for row in rows:
            wr.writerow(row[:-1])
    with open(os.path.join(a.out, "manifest.sha256"), "w") as fh:
        for row in rows:
            fh.write("%s  %s\n" % (row[-1], row[0]))
    with open(os.path.join(a.out, "skipped.tsv"), "w") as fh:
        for p, why in skipped:
            fh.write("%s\t%s\n" % (p, why))
    n = {}
    for row in rows:
        n[row[1]] = n.get(row[1], 0) + 1
    print("files:", n, "originals skipped:", len(skipped))


if __name__ == "__main__":
    main()
