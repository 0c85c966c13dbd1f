#!/usr/bin/python3
"""Synthetic edits with masks (issue 22): splices, copy-moves and inpaintings made from real photographs.

Run from the repository root with Debian's python3 (python3-pil, -numpy, -scipy, -torch):

    nice -n 19 /usr/bin/python3 models/training/edits/build_edits.py --out data/edits \
        --jar target/provenant-0.1.0-SNAPSHOT.jar

(`mvn -B -o package -DskipTests -DskipInstaller -pl src/cli -am` builds the jar; it makes the neural-codec
fills through `provenant compress --batch`. Without --jar those edits are left out and the index says so.)

Two parts, never mixed (models/training/splits.py):
  training/  hosts and donors are TRAINING photos only (real-camera repositories and gen-vs-real photo
             collections of the training split); generated donors come from training-split generators.
  heldout/   made only from HELD-OUT photos and held-out generators: for fitting thresholds and calibrations.
Debian wallpapers and python3-skimage photos are not used at all (they stay untouched for the product-wide
false-alarm check); ../shared/datasets/real-edits is never read.

Edit types (edit_type / subtype in index.tsv):
  splice      an object-shaped region (blob, ellipse, polygon or rectangle) cut from another photo, resized
              (0.5-1.6x, bilinear/bicubic/Lanczos), optionally recoloured (channel gains and gamma, or the
              region's mean and spread matched to the host), blurred or given noise, JPEG-compressed before the
              paste (q 50-95), pasted with a hard or feathered edge (Gaussian alpha, sigma 1-4 px)
  copy-move   a region of the same photo rotated (+-30 deg, half of them) and scaled (0.8-1.25x, half of them)
              and pasted elsewhere, not overlapping its source; hard or feathered edge; the mask marks the copy
  inpainting  the region refilled: generated (a crop of a generator's output pasted), taef2 (the photo's own
              content, or a cloned fill, encoded and decoded by the FLUX.2 tiny autoencoder: decoder-made
              texture), codec (the photo's own content through the project's neural codecs: hp q1-q4 or the
              JPEG AI networks), blur (smooth pull-push fill of the hole, optionally blurred: a naive removal)
              or clone (the hole filled with texture cloned from one to three offsets around it, exemplar-like)
Before the edit the host may be downscaled to a web size (long side 320-800 px, 40 %) and re-saved as JPEG
(q 60-95; 70 % of the downscaled, 30 % of the others); after it the image is saved as JPEG
(q 60-100, 4:2:0 or 4:4:4, 75 %) or PNG (25 %), sometimes downscaled first (0.6-0.95x, 15 %). The host
itself (camera JPEG crops keep their 8x8 grid: offsets are multiples of 16, at most 1024 px a side) goes
through the same before/after steps without the edit and is written beside it as <id>.orig.<ext>, so false
alarms on originals can be measured.

Output: <out>/<split>/<edit_type>/<id>.<ext>, <id>.mask.png (8-bit, 255 = edited; alpha >= 0.5), <id>.orig.<ext>;
<out>/index.tsv (one row per edit: paths, split, types, host and donor with their split keys, every parameter
as JSON, final format, size, mask share, sha256 of image and mask); <out>/manifest.sha256 (`sha256sum -c`
format; the copy in git is models/training/edits/manifest.sha256). Seeded: the same inputs give the same files.
"""
import argparse
import csv
import hashlib
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import zlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from scipy import ndimage

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "data"))
import splits  # noqa: E402
from build_corpus import find_shared, is_grey, load_rgb  # noqa: E402

Image.MAX_IMAGE_PIXELS = None
SEED = 20261206
MAX_SIDE = 1024
MIN_SIDE = 256
TYPES = [("splice", 0.40), ("copy-move", 0.25), ("inpainting", 0.35)]
INPAINT = [("generated", 0.25), ("taef2", 0.25), ("codec", 0.15), ("blur", 0.15), ("clone", 0.20)]
CODECS = [("hp", "q1"), ("hp", "q2"), ("hp", "q3"), ("hp", "q4"), ("jpeg-ai", None)]


def rng_for(key):
    return random.Random(SEED ^ zlib.crc32(key.encode()))


def pick(r, weighted):
    x, acc = r.random(), 0.0
    for name, w in weighted:
        acc += w
        if x < acc:
            return name
    return weighted[-1][0]


# ------------------------------------------------------------------------------------------------ sources
def photos(shared, split):
    """[(key, collection, id, path)] of real photographs of one split (grey and small ones dropped later)."""
    out = []
    for r in splits.real_camera_rows(shared):
        if r["split"] == split:
            out.append((r["repo"], "real-camera", os.path.splitext(os.path.basename(r["file"]))[0],
                        os.path.join(shared, "datasets", "real-camera", r["file"])))
    with open(os.path.join(shared, "datasets", "gen-vs-real", "SOURCES.tsv"), newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["label"] != "real":
                continue
            src = splits.photo_source(r["path_in_repo"])
            if src == "skimage" or splits.split_of(src) != split:
                continue  # skimage photos are held out from everything
            out.append((src, "gen-vs-real", os.path.splitext(os.path.basename(r["file"]))[0],
                        os.path.join(shared, "datasets", "gen-vs-real", r["file"])))
    return sorted(out)


def generated(shared, split):
    out = []
    for coll in ("gen-vs-real", "gen-vs-real-2"):
        with open(os.path.join(shared, "datasets", coll, "SOURCES.tsv"), newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r["label"] == "generated" and splits.split_of(r["generator"]) == split \
                        and min(int(r["width"]), int(r["height"])) >= 200:
                    out.append((r["generator"], coll, os.path.splitext(os.path.basename(r["file"]))[0],
                                os.path.join(shared, "datasets", coll, r["file"])))
    return sorted(out)


def host_pixels(path, r):
    """The photo as uint8 RGB, cut to at most MAX_SIDE a side at offsets that are multiples of 16 (JPEG grid kept)."""
    im = load_rgb(path)
    w, h = im.size
    cw, ch = min(w, MAX_SIDE), min(h, MAX_SIDE)
    x = 16 * r.randint(0, (w - cw) // 16)
    y = 16 * r.randint(0, (h - ch) // 16)
    return np.asarray(im.crop((x, y, x + cw, y + ch)), dtype=np.uint8).copy(), (x, y)


# ------------------------------------------------------------------------------------------------ shapes
def shape_alpha(h, w, r, area_lo=0.01, area_hi=0.25, centre=None):
    """An object-like shape (blob, ellipse, polygon or rectangle) as a float alpha in 0..1, antialiased,
    covering a log-uniform share of the image; returns (alpha, params)."""
    kind = r.choice(["blob", "blob", "ellipse", "polygon", "rect"])
    share = math.exp(r.uniform(math.log(area_lo), math.log(area_hi)))
    aspect = math.exp(r.uniform(-0.7, 0.7))
    rad = math.sqrt(share * h * w / math.pi)
    rx, ry = min(rad * math.sqrt(aspect), 0.45 * w), min(rad / math.sqrt(aspect), 0.45 * h)
    cx = centre[0] if centre else r.uniform(rx + 2, w - rx - 2)
    cy = centre[1] if centre else r.uniform(ry + 2, h - ry - 2)
    ss = 4
    n = 96
    if kind == "blob":
        harm = [(k, r.uniform(0, 0.25 / k ** 0.7), r.uniform(0, 2 * math.pi)) for k in range(2, 7)]
        ang = [2 * math.pi * i / n for i in range(n)]
        rr = [1 + sum(a * math.sin(k * t + p) for k, a, p in harm) for t in ang]
    elif kind == "ellipse":
        ang = [2 * math.pi * i / n for i in range(n)]
        rr = [1.0] * n
    elif kind == "polygon":
        m = r.randint(4, 9)
        ang = sorted(r.uniform(0, 2 * math.pi) for _ in range(m))
        rr = [r.uniform(0.6, 1.15) for _ in range(m)]
    else:
        ang, rr = [], []
    rot = r.uniform(0, 2 * math.pi) if kind != "rect" else r.uniform(-0.2, 0.2)
    if kind == "rect":
        corners = [(-rx, -ry), (rx, -ry), (rx, ry), (-rx, ry)]
    else:
        corners = [(q * rx * math.cos(t), q * ry * math.sin(t)) for t, q in zip(ang, rr)]
    pts = [((cx + x * math.cos(rot) - y * math.sin(rot)) * ss, (cy + x * math.sin(rot) + y * math.cos(rot)) * ss)
           for x, y in corners]
    big = Image.new("L", (w * ss, h * ss), 0)
    ImageDraw.Draw(big).polygon(pts, fill=255)
    a = np.asarray(big.resize((w, h), Image.BOX), dtype=np.float32) / 255
    return a, {"shape": kind, "share_target": round(share, 4), "centre": [round(cx), round(cy)]}


def edge(alpha, r, p):
    """Hard (threshold at 0.5) or feathered (Gaussian blur of the alpha) edge."""
    if r.random() < 0.5:
        p["edge"] = "hard"
        p["_alpha"] = (alpha >= 0.5).astype(np.float32)
        return p["_alpha"]
    s = r.uniform(1, 4)
    p["edge"] = "feathered"
    p["feather_sigma"] = round(s, 2)
    p["_alpha"] = ndimage.gaussian_filter(alpha, s)
    return p["_alpha"]


def compose(host, content, alpha):
    a = alpha[..., None]
    return np.clip(np.round(a * content.astype(np.float32) + (1 - a) * host.astype(np.float32)), 0, 255).astype(np.uint8)


# ------------------------------------------------------------------------------------------------ content changes
def jpeg(arr, q, sub="420"):
    b = io.BytesIO()
    Image.fromarray(arr).save(b, "JPEG", quality=q, subsampling=0 if sub == "444" else 2)
    return np.asarray(Image.open(io.BytesIO(b.getvalue())).convert("RGB"), dtype=np.uint8).copy()


def recolour(content, host, alpha, r, p):
    x = content.astype(np.float32)
    u = r.random()
    if u < 0.3:
        m = alpha >= 0.5
        if m.sum() > 16:
            strength = r.uniform(0.3, 1.0)
            for c in range(3):
                cm, cs = x[..., c][m].mean(), x[..., c][m].std() + 1e-3
                hm, hs = host[..., c][m].astype(np.float32).mean(), host[..., c][m].astype(np.float32).std() + 1e-3
                tgt = (x[..., c] - cm) / cs * hs + hm
                x[..., c] = (1 - strength) * x[..., c] + strength * tgt
            p["recolour"] = "match-host %.2f" % strength
    elif u < 0.6:
        g = [r.gauss(1, 0.07) for _ in range(3)]
        gam = math.exp(r.uniform(-0.22, 0.22))
        x = 255 * (np.clip(x / 255, 0, 1) ** gam) * np.array(g, dtype=np.float32)
        p["recolour"] = "gains %.3f/%.3f/%.3f gamma %.3f" % (g[0], g[1], g[2], gam)
    if r.random() < 0.15:
        s = r.uniform(0.5, 1.2)
        x = ndimage.gaussian_filter(x, (s, s, 0))
        p["blur_sigma"] = round(s, 2)
    elif r.random() < 0.15:
        s = r.uniform(1, 4)
        x = x + np.asarray(np.random.default_rng(r.randrange(1 << 30)).normal(0, s, x.shape), dtype=np.float32)
        p["noise_sigma"] = round(s, 2)
    return np.clip(np.round(x), 0, 255).astype(np.uint8)


def donor_patch(donor, h, w, r, p):
    """A h x w patch of the donor after a random resize (the donor is cut first, so small donors still serve)."""
    scale = math.exp(r.uniform(math.log(0.5), math.log(1.6)))
    dh, dw = donor.shape[:2]
    scale = max(scale, h / dh * 1.01, w / dw * 1.01)
    resample = r.choice([("bilinear", Image.BILINEAR), ("bicubic", Image.BICUBIC), ("lanczos", Image.LANCZOS)])
    im = Image.fromarray(donor)
    if abs(scale - 1) > 0.02 or dh < h or dw < w:   # a donor just smaller than the patch is resized too
        im = im.resize((max(w, round(dw * scale)), max(h, round(dh * scale))), resample[1])
        p["donor_scale"] = round(scale, 3)
        p["resample"] = resample[0]
    a = np.asarray(im, dtype=np.uint8)
    y = r.randint(0, a.shape[0] - h)
    x = r.randint(0, a.shape[1] - w)
    return a[y:y + h, x:x + w].copy()


def pushpull_fill(img, hole):
    """Fills the hole by pull-push (mask-weighted pyramid): smooth, textureless, like a naive removal."""
    x = img.astype(np.float64)
    w = (~hole).astype(np.float64)
    if w.sum() == 0 or hole.sum() == 0:
        return img.copy()
    h0, w0 = hole.shape
    ph, pw = h0 + (h0 & 1), w0 + (w0 & 1)
    xs = np.zeros((ph, pw, 3))
    ws = np.zeros((ph, pw))
    xs[:h0, :w0] = x * w[..., None]
    ws[:h0, :w0] = w
    sx = xs.reshape(ph // 2, 2, pw // 2, 2, 3).sum((1, 3))
    sw = ws.reshape(ph // 2, 2, pw // 2, 2).sum((1, 3))
    coarse = np.where(sw[..., None] > 0, sx / np.maximum(sw, 1e-9)[..., None], 0)
    chole = sw == 0
    if min(coarse.shape[:2]) > 1 and chole.any():
        coarse = pushpull_fill(coarse, chole).astype(np.float64)
    up = ndimage.zoom(coarse, (2, 2, 1), order=1)[:h0, :w0]
    out = np.where(hole[..., None], up, x)
    return out


def clone_fill(host, hole, r, p):
    """Fills the hole with texture copied from 1-3 offsets where the shifted hole lies outside itself."""
    h, w = hole.shape
    ys, xs = np.nonzero(hole)
    bh, bw = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    out = host.copy()
    rem = hole.copy()
    offs = []
    for _ in range(r.randint(1, 3)):
        for _try in range(40):
            ang = r.uniform(0, 2 * math.pi)
            d = r.uniform(0.6, 1.6) * max(bh, bw)
            dx, dy = int(round(d * math.cos(ang))), int(round(d * math.sin(ang)))
            if ys.min() + dy < 0 or ys.max() + dy >= h or xs.min() + dx < 0 or xs.max() + dx >= w:
                continue
            src = np.roll(np.roll(hole, dy, 0), dx, 1)
            if (src & hole).any():
                continue
            band = rem.copy()
            if len(offs) < 2 and r.random() < 0.5:  # split the hole into bands, each from another offset
                band &= (np.arange(h)[:, None] < ys.min() + bh * (len(offs) + 1) // 3) if bh > bw else \
                        (np.arange(w)[None, :] < xs.min() + bw * (len(offs) + 1) // 3)
            yy, xx = np.nonzero(band)
            out[yy, xx] = host[yy + dy, xx + dx]
            rem &= ~band
            offs.append([dx, dy])
            break
    if rem.any():  # what no offset covered: the last offset, or a smooth fill
        if offs:
            yy, xx = np.nonzero(rem)
            out[yy, xx] = host[yy + offs[-1][1], xx + offs[-1][0]]
        else:
            out = np.round(pushpull_fill(host, hole)).astype(np.uint8)
    p["clone_offsets"] = offs
    return out


# ------------------------------------------------------------------------------------------------ edits
def make_splice(host, donor, r, p):
    h, w = host.shape[:2]
    alpha, sp = shape_alpha(h, w, r)
    p.update(sp)
    ys, xs = np.nonzero(alpha > 0.01)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    patch = donor_patch(donor, y1 - y0, x1 - x0, r, p)
    if r.random() < 0.5:
        q = r.randint(50, 95)
        patch = jpeg(patch, q)
        p["donor_jpeg_before"] = q
    content = host.copy()
    content[y0:y1, x0:x1] = patch
    content = recolour(content, host, alpha, r, p)
    return compose(host, content, edge(alpha, r, p))


def make_copymove(host, r, p):
    h, w = host.shape[:2]
    alpha, sp = shape_alpha(h, w, r, 0.01, 0.12)
    p.update(sp)
    ang = r.uniform(-30, 30) if r.random() < 0.5 else 0.0
    sc = r.uniform(0.8, 1.25) if r.random() < 0.5 else 1.0
    ys, xs = np.nonzero(alpha > 0.01)
    cy, cx = (ys.min() + ys.max()) / 2, (xs.min() + xs.max()) / 2
    ext = max(ys.max() - ys.min(), xs.max() - xs.min()) * sc * 0.75
    for _try in range(60):
        tx, ty = r.uniform(ext, w - ext), r.uniform(ext, h - ext)
        if abs(tx - cx) > ext * 1.3 or abs(ty - cy) > ext * 1.3:
            break
    else:
        return None
    moved, malpha = moved_copy(host, alpha, ang, sc, tx, ty)
    p.update({"rotation_deg": round(ang, 2), "scale": round(sc, 3), "target": [round(tx), round(ty)]})
    content = recolour(moved, host, malpha, r, p) if r.random() < 0.2 else moved
    return compose(host, content, edge(malpha, r, p))


def moved_copy(host, alpha, ang, sc, tx, ty):
    """The host and the region's alpha turned by ang degrees and scaled by sc about the region's box centre, which
    lands at (tx, ty)."""
    h, w = host.shape[:2]
    ys, xs = np.nonzero(alpha > 0.01)
    cy, cx = (ys.min() + ys.max()) / 2, (xs.min() + xs.max()) / 2
    # inverse map: output (u, v) -> source (cx, cy) + R(-ang)/sc * ((u, v) - (tx, ty))
    t = math.radians(ang)
    a, b = math.cos(t) / sc, math.sin(t) / sc
    coeffs = (a, b, cx - a * tx - b * ty, -b, a, cy + b * tx - a * ty)
    moved = np.asarray(Image.fromarray(host).transform((w, h), Image.AFFINE, coeffs, Image.BICUBIC), dtype=np.uint8)
    malpha = np.asarray(Image.fromarray((alpha * 255).astype(np.uint8)).transform((w, h), Image.AFFINE, coeffs, Image.BILINEAR),
                        dtype=np.float32) / 255
    return moved, malpha


def make_inpaint(sub, host, r, p, gen=None, taef=None, codec_out=None):
    h, w = host.shape[:2]
    alpha, sp = shape_alpha(h, w, r, 0.01, 0.15)
    p.update(sp)
    hole = alpha >= 0.5
    if sub == "generated":
        return make_splice_content(host, gen, alpha, r, p)
    if sub == "blur":
        fill = pushpull_fill(host, hole)
        if r.random() < 0.5:
            s = r.uniform(1, 3)
            fill = ndimage.gaussian_filter(fill, (s, s, 0))
            p["blur_sigma"] = round(s, 2)
        content = np.clip(np.round(fill), 0, 255).astype(np.uint8)
    elif sub == "clone":
        content = clone_fill(host, hole, r, p)
    elif sub == "taef2":
        base = host
        if r.random() < 0.5:
            base = clone_fill(host, hole, r, p)
            p["taef2_input"] = "cloned fill"
        else:
            p["taef2_input"] = "the photo itself"
        ys, xs = np.nonzero(hole)
        y0, y1 = max(0, ys.min() - 32) // 8 * 8, min(h, ys.max() + 33)
        x0, x1 = max(0, xs.min() - 32) // 8 * 8, min(w, xs.max() + 33)
        content = host.copy()
        content[y0:y1, x0:x1] = taef.roundtrip(*taef.models, base[y0:y1, x0:x1])
    elif sub == "codec":
        content = codec_out
    else:
        raise ValueError(sub)
    return compose(host, content, edge(alpha, r, p))


def make_splice_content(host, donor, alpha, r, p):
    ys, xs = np.nonzero(alpha > 0.01)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    content = host.copy()
    content[y0:y1, x0:x1] = donor_patch(donor, y1 - y0, x1 - x0, r, p)
    content = recolour(content, host, alpha, r, p)
    return compose(host, content, edge(alpha, r, p))


# ------------------------------------------------------------------------------------------------ saving
def encode(arr, fmt):
    b = io.BytesIO()
    if fmt[0] == "jpeg":
        Image.fromarray(arr).save(b, "JPEG", quality=fmt[1], subsampling=0 if fmt[2] == "444" else 2)
    else:
        Image.fromarray(arr).save(b, "PNG")
    return b.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="data/edits")
    ap.add_argument("--training", type=int, default=1200, help="edits in training/")
    ap.add_argument("--heldout", type=int, default=400, help="edits in heldout/")
    ap.add_argument("--jar", default=None, help="provenant jar for the neural-codec fills (compress --batch)")
    ap.add_argument("--taef2", default=None, help="folder of taef2_*.pth (default: shared/models/taef2)")
    ap.add_argument("--index-only", action="store_true",
                    help="only (re)write index.tsv and manifest.sha256 from the edits already made (<id>.json beside each)")
    a = ap.parse_args()
    import torch
    torch.set_num_threads(1)
    import taef2 as taef
    shared = find_shared()
    tf = a.taef2 or os.path.join(shared, "models", "taef2")
    taef.models = taef.load(tf)
    taef.check(tf, *taef.models)
    os.makedirs(a.out, exist_ok=True)
    tmp = os.path.join(a.out, "tmp-codec-%d" % os.getpid())
    rows, pending = [], []
    if a.index_only:
        write_index(a.out, [])
        return
    for split, count in (("training", a.training), ("heldout", a.heldout)):
        key = "training" if split == "training" else "held-out"
        hosts = photos(shared, key)
        gens = generated(shared, key)
        order = list(range(len(hosts)))
        rng_for("order-" + split).shuffle(order)
        i = k = 0
        while i < count:
            key_i = "%s-%05d" % (split, k)
            k += 1
            if made(a.out, key_i):  # resumed: this edit was made by an earlier run (same seed, same files)
                i += 1
                continue
            r = rng_for(key_i)
            hk, hcoll, hid, hpath = hosts[order[k % len(hosts)]]
            host, off = host_pixels(hpath, r)
            if min(host.shape[:2]) < MIN_SIDE or is_grey(Image.fromarray(host)):
                continue
            et = pick(r, TYPES)
            sub = pick(r, INPAINT) if et == "inpainting" else ""
            if sub == "codec" and not a.jar:
                continue
            p = {"host_offset": list(off)}
            donor_row = None
            if r.random() < 0.4:  # a web-size copy edited, as most benchmark edits were
                side = r.randint(320, 800)
                if max(host.shape[:2]) > side * 1.1:
                    s = side / max(host.shape[:2])
                    size = (max(64, round(host.shape[1] * s)), max(64, round(host.shape[0] * s)))
                    rs = r.choice([("bilinear", Image.BILINEAR), ("bicubic", Image.BICUBIC), ("lanczos", Image.LANCZOS),
                                   ("area", Image.BOX)])
                    host = np.asarray(Image.fromarray(host).resize(size, rs[1]), dtype=np.uint8)
                    p["host_downscale"] = "%s to %dx%d" % (rs[0], size[0], size[1])
            if min(host.shape[:2]) < 160:
                continue
            if r.random() < (0.7 if "host_downscale" in p else 0.3):  # JPEG before the edit
                q = r.randint(60, 95)
                host = jpeg(host, q)
                p["host_jpeg_before"] = q
            if et == "splice" or sub == "generated":
                pool = gens if sub == "generated" else [h for h in hosts if h[3] != hpath and (h[0] != hk or r.random() < 0.2)]
                donor_row = pool[r.randrange(len(pool))]
                donor = np.asarray(load_rgb(donor_row[3]), dtype=np.uint8)
            if et == "splice":
                img = make_splice(host, donor, r, p)
            elif et == "copy-move":
                img = make_copymove(host, r, p)
            elif sub == "codec":
                img = None
            else:
                img = make_inpaint(sub, host, r, p, gen=donor if sub == "generated" else None, taef=taef)
            if et == "copy-move" and img is None:
                continue
            if r.random() < 0.15:
                p["downscale"] = round(r.uniform(0.6, 0.95), 3)
            fmt = ("jpeg", r.randint(60, 100), "444" if r.random() < 0.3 else "420") if r.random() < 0.75 else ("png",)
            row = {"id": key_i, "split": split, "edit_type": et, "subtype": sub, "host_key": hk, "host_collection": hcoll, "host": hid,
                   "donor_key": donor_row[0] if donor_row else "", "donor": donor_row[2] if donor_row else "",
                   "format": "jpeg" if fmt[0] == "jpeg" else "png", "jpeg_quality": fmt[1] if fmt[0] == "jpeg" else "",
                   "subsampling": fmt[2] if fmt[0] == "jpeg" else ""}
            if sub == "codec":
                cod = CODECS[r.randrange(len(CODECS))]
                pending.append((row, p, r, host, fmt, cod))
            else:
                finish(a.out, rows, row, p, r, host, img, fmt)
            i += 1
            if i % 50 == 0:
                print(split, i, "of", count, flush=True)
    if pending:
        codec_fills(a, tmp, pending, rows)
    write_index(a.out, rows)
    shutil.rmtree(tmp, ignore_errors=True)


def made(out, key):
    split = key.split("-")[0]
    return any(os.path.isfile(os.path.join(out, split, t, key + ".json")) for t, _ in TYPES)


def write_index(out, rows):
    """index.tsv and manifest.sha256 from every <id>.json under out (this run's rows and earlier runs')."""
    seen = {x["id"] for x in rows}
    for split in ("training", "heldout"):
        for t, _ in TYPES:
            d = os.path.join(out, split, t)
            if not os.path.isdir(d):
                continue
            for f in sorted(os.listdir(d)):
                if f.endswith(".json") and f[:-5] not in seen:
                    with open(os.path.join(d, f)) as fh:
                        rows.append(json.load(fh))
    rows.sort(key=lambda x: x["id"])
    cols = ["path", "mask", "original", "id", "split", "edit_type", "subtype", "host_collection", "host_key", "host",
            "donor_key", "donor", "format", "jpeg_quality", "subsampling", "width", "height", "mask_share",
            "sha256", "mask_sha256", "params"]
    with open(os.path.join(out, "index.tsv"), "w", newline="") as fh:
        wr = csv.DictWriter(fh, cols, delimiter="\t", lineterminator="\n")
        wr.writeheader()
        for x in rows:
            wr.writerow({c: x.get(c, "") for c in cols})
    with open(os.path.join(out, "manifest.sha256"), "w") as fh:
        for x in rows:
            for f in ("path", "mask", "original"):
                fh.write("%s  %s\n" % (sha256(os.path.join(out, x[f])), x[f]))
    from collections import Counter
    print(len(rows), "edits:", sorted(Counter((x["split"], x["edit_type"], x["subtype"]) for x in rows).items()))


def sha256(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def codec_fills(a, tmp, pending, rows):
    """The codec inpaintings: crops around each hole through `provenant compress --batch`, one JVM per codec."""
    os.makedirs(tmp, exist_ok=True)
    jobs = {}
    for n, (row, p, r, host, fmt, cod) in enumerate(pending):
        src = os.path.join(tmp, "in", "%s.png" % row["id"])
        os.makedirs(os.path.dirname(src), exist_ok=True)
        Image.fromarray(host).save(src)
        dst = os.path.join(tmp, "out", "%s.png" % row["id"])
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        jobs.setdefault(cod[0], []).append((src, dst, cod[1] or ""))
    for fam, lst in jobs.items():
        path = os.path.join(tmp, fam + ".tsv")
        with open(path, "w") as fh:
            for src, dst, q in lst:
                fh.write("%s\t%s\t%s\n" % (os.path.abspath(src), os.path.abspath(dst), q or codec_rate(a, fam)))
        subprocess.run(["java", "-Xmx3g", "-jar", a.jar, "compress", "--batch", path, "--codec", fam], check=True,
                       stdout=subprocess.DEVNULL)
    for row, p, r, host, fmt, cod in pending:
        dec = np.asarray(Image.open(os.path.join(tmp, "out", "%s.png" % row["id"])).convert("RGB"), dtype=np.uint8)
        p["codec"] = "%s %s" % (cod[0], cod[1] or codec_rate(a, cod[0]))
        img = make_inpaint("codec", host, r, p, codec_out=dec[:host.shape[0], :host.shape[1]])
        finish(a.out, rows, row, p, r, host, img, fmt)


def codec_rate(a, fam):
    return "q2" if fam == "jpeg-ai" else "q3"


def finish(out, rows, row, p, r, host, img, fmt):
    alpha_mask = mask_of(host, img, p)
    if "downscale" in p:
        s = p["downscale"]
        size = (max(8, round(img.shape[1] * s)), max(8, round(img.shape[0] * s)))
        img = np.asarray(Image.fromarray(img).resize(size, Image.LANCZOS), dtype=np.uint8)
        host = np.asarray(Image.fromarray(host).resize(size, Image.LANCZOS), dtype=np.uint8)
        alpha_mask = np.asarray(Image.fromarray(alpha_mask).resize(size, Image.BOX), dtype=np.uint8) >= 128
        alpha_mask = (alpha_mask * 255).astype(np.uint8)
    ext = "jpg" if fmt[0] == "jpeg" else "png"
    d = os.path.join(out, row["split"], row["edit_type"])
    os.makedirs(d, exist_ok=True)
    rel = os.path.join(row["split"], row["edit_type"], row["id"])
    data = encode(img, fmt)
    for suffix, b in (("." + ext, data), (".orig." + ext, encode(host, fmt))):
        with open(os.path.join(out, rel + suffix), "wb") as fh:
            fh.write(b)
    Image.fromarray(alpha_mask).save(os.path.join(out, rel + ".mask.png"))
    row.update({"path": rel + "." + ext, "mask": rel + ".mask.png", "original": rel + ".orig." + ext,
                "width": img.shape[1], "height": img.shape[0],
                "mask_share": "%.4f" % ((alpha_mask > 127).mean()), "sha256": hashlib.sha256(data).hexdigest(),
                "mask_sha256": sha256(os.path.join(out, rel + ".mask.png")), "params": json.dumps(p, sort_keys=True)})
    rows.append(row)
    with open(os.path.join(out, rel + ".json"), "w") as fh:  # the row, so that an interrupted run resumes
        json.dump(row, fh, sort_keys=True)


def mask_of(host, img, p):
    """255 where the edit's alpha reached 0.5 (recorded by edge() in p['_alpha'], popped here)."""
    a = p.pop("_alpha")
    return ((a >= 0.5) * 255).astype(np.uint8)


if __name__ == "__main__":
    main()
