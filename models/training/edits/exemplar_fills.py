#!/usr/bin/python3
"""Object removals by exemplar-based inpainting (Criminisi, Perez, Toyama, IEEE TIP 2004), made from real photographs.

Run from the repository root with Debian's python3 (python3-pil, -numpy, -scipy):

    nice -n 19 /usr/bin/python3 models/training/edits/exemplar_fills.py --out data/exemplar --training 160 --heldout 80

Why: the classic object removal of photo editors copies small patches of the photo's own texture into the hole,
one patch at a time, in the order of the fill front's priority. `data/edits` (build_edits.py) has no such fill
(its "clone" fill copies one to three large offsets, a copy-move), so the exemplar-fill indicator is chosen and
measured on these. Hosts follow the split rule of models/training/splits.py exactly as build_edits.py does:
training/ from TRAINING photos only, heldout/ from HELD-OUT photos only; ../shared/datasets/real-edits is never read.

Each removal: a TRAINING (or HELD-OUT) photo cut to at most 1024 px (JPEG grid kept), downscaled to a web size
(long side 320-800 px) in 85 % of cases, JPEG-compressed before the edit (q 70-95, 70 %); a hole of 1-20 % of the
image (an object-like shape, or one to six small boxes, as blemish removals are) filled by the exemplar method
with a patch of 7, 9, 11 or 13 px searched in a window of 30-80 px around the patch (Criminisi searched the whole
image; windows keep the recipe fast and are what most implementations do); then saved as PNG (40 %) or JPEG
(q 70-98, 4:2:0 or 4:4:4). The host goes through the same steps unfilled and is written beside it (<id>.orig.<ext>).

Output and index as build_edits.py (<out>/<split>/removal/<id>.*, index.tsv, manifest.sha256). Seeded.
"""
import argparse
import math
import os
import sys

import numpy as np
from PIL import Image
from scipy import ndimage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_edits as be  # noqa: E402

TYPE = "removal"


def criminisi(img, hole, patch, radius):
    """Exemplar-based fill of the boolean hole of the uint8 RGB img; returns the filled copy."""
    h, w = hole.shape
    half = patch // 2
    ys_, xs_ = np.nonzero(hole)
    cy0, cy1 = max(0, ys_.min() - patch), min(h, ys_.max() + patch + 1)  # the work area around the hole
    cx0, cx1 = max(0, xs_.min() - patch), min(w, xs_.max() + patch + 1)
    out = img.astype(np.float32).copy()
    todo = hole.copy()
    conf = (~hole).astype(np.float32)
    source = ~ndimage.binary_dilation(hole, np.ones((patch, patch), bool))  # patch centres fully outside the hole
    source[:half, :] = source[-half:, :] = False
    source[:, :half] = source[:, -half:] = False
    grey = out.mean(axis=2)
    square = np.ones((3, 3), bool)
    while todo.any():
        t = todo[cy0:cy1, cx0:cx1]
        front = t & ndimage.binary_dilation(~t, square)
        ys, xs = np.nonzero(front)
        cf = ndimage.uniform_filter(conf[cy0:cy1, cx0:cx1], patch, mode="constant")
        gy, gx = np.gradient(np.where(t, 0, grey[cy0:cy1, cx0:cx1]))
        ny, nx = np.gradient(t.astype(np.float32))
        data = np.abs(gx[ys, xs] * ny[ys, xs] - gy[ys, xs] * nx[ys, xs]) / 255 + 1e-3  # isophote across the normal
        k = int(np.argmax(cf[ys, xs] * data))
        cp = cf[ys[k], xs[k]]
        py = min(max(cy0 + ys[k], half), h - half - 1)
        px = min(max(cx0 + xs[k], half), w - half - 1)
        tgt = out[py - half:py + half + 1, px - half:px + half + 1]
        known = ~todo[py - half:py + half + 1, px - half:px + half + 1]
        rad = radius
        while True:  # the window widens until it holds a source patch (deep inside a large hole)
            y0, y1 = max(half, py - rad), min(h - half, py + rad + 1)
            x0, x1 = max(half, px - rad), min(w - half, px + rad + 1)
            ok = source[y0:y1, x0:x1]
            if ok.any():
                break
            rad += radius // 2
        crop = out[y0 - half:y1 + half, x0 - half:x1 + half]
        win = np.lib.stride_tricks.sliding_window_view(crop, (patch, patch), axis=(0, 1))  # (Y, X, 3, p, p)
        km = np.broadcast_to(known.astype(np.float32)[None, :, :], (3, patch, patch))
        kt = tgt.transpose(2, 0, 1) * km
        ssd = np.einsum("yxcij,cij->yx", win * win, km) - 2 * np.einsum("yxcij,cij->yx", win, kt)
        ssd = np.where(ok, ssd, np.inf)
        by, bx = np.unravel_index(int(np.argmin(ssd)), ssd.shape)
        sy, sx = y0 + by, x0 + bx
        src = out[sy - half:sy + half + 1, sx - half:sx + half + 1]
        fill = todo[py - half:py + half + 1, px - half:px + half + 1].copy()
        out[py - half:py + half + 1, px - half:px + half + 1][fill] = src[fill]
        grey[py - half:py + half + 1, px - half:px + half + 1][fill] = src[fill].mean(axis=1)
        conf[py - half:py + half + 1, px - half:px + half + 1][fill] = cp
        todo[py - half:py + half + 1, px - half:px + half + 1][fill] = False
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


def hole_of(h, w, r, p):
    if r.random() < 0.25:  # blemish removal: one to six small boxes
        m = np.zeros((h, w), bool)
        n = r.randint(1, 6)
        for _ in range(n):
            bw, bh = r.randint(8, max(9, w // 10)), r.randint(8, max(9, h // 10))
            x, y = r.randint(16, w - bw - 16), r.randint(16, h - bh - 16)
            m[y:y + bh, x:x + bw] = True
        p["hole"] = "%d boxes" % n
        return m
    a, sp = be.shape_alpha(h, w, r, 0.01, 0.2)
    p.update(sp)
    return ndimage.binary_dilation(a >= 0.5, iterations=2)  # a removal mask covers the object with a margin


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="data/exemplar")
    ap.add_argument("--training", type=int, default=160)
    ap.add_argument("--heldout", type=int, default=80)
    ap.add_argument("--part", default="0/1", help="k/n: make only the removals whose number is k modulo n")
    a = ap.parse_args()
    part, parts = (int(x) for x in a.part.split("/"))
    shared = be.find_shared()
    rows = []
    for split, count in (("training", a.training), ("heldout", a.heldout)):
        hosts = be.photos(shared, "training" if split == "training" else "held-out")
        order = list(range(len(hosts)))
        be.rng_for("exemplar-order-" + split).shuffle(order)
        for i in range(count):
            key = "%s-x%04d" % (split, i)
            if i % parts != part or os.path.isfile(os.path.join(a.out, split, TYPE, key + ".json")):
                continue
            r = be.rng_for(key)
            for attempt in range(20):
                hk, hcoll, hid, hpath = hosts[order[(i * 7 + attempt) % len(hosts)]]
                host, off = be.host_pixels(hpath, r)
                if min(host.shape[:2]) >= be.MIN_SIDE and not be.is_grey(Image.fromarray(host)):
                    break
            p = {"host_offset": list(off)}
            if r.random() < 0.85:
                side = r.randint(320, 800)
                if max(host.shape[:2]) > side * 1.1:
                    s = side / max(host.shape[:2])
                    size = (round(host.shape[1] * s), round(host.shape[0] * s))
                    host = np.asarray(Image.fromarray(host).resize(size, Image.LANCZOS), dtype=np.uint8)
                    p["host_downscale"] = "lanczos to %dx%d" % size
            if r.random() < 0.7:
                q = r.randint(70, 95)
                host = be.jpeg(host, q)
                p["host_jpeg_before"] = q
            h, w = host.shape[:2]
            hole = hole_of(h, w, r, p)
            p["patch"] = r.choice([7, 9, 9, 11, 13])
            p["search_radius"] = r.choice([30, 50, 80])
            img = criminisi(host, hole, p["patch"], p["search_radius"])
            p["_alpha"] = hole.astype(np.float32)
            fmt = ("png",) if r.random() < 0.4 else ("jpeg", r.randint(70, 98), "444" if r.random() < 0.3 else "420")
            row = {"id": key, "split": split, "edit_type": TYPE, "subtype": "exemplar", "host_key": hk,
                   "host_collection": hcoll, "host": hid, "donor_key": "", "donor": "",
                   "format": "jpeg" if fmt[0] == "jpeg" else "png", "jpeg_quality": fmt[1] if fmt[0] == "jpeg" else "",
                   "subsampling": fmt[2] if fmt[0] == "jpeg" else ""}
            be.finish(a.out, rows, row, p, r, host, img, fmt)
            print(key, hid, "%dx%d" % (w, h), "hole %.3f" % hole.mean(), fmt, flush=True)
    be.TYPES = [(TYPE, 1.0)]
    be.write_index(a.out, [])


if __name__ == "__main__":
    main()
