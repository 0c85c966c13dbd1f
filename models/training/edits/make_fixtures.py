#!/usr/bin/python3
"""The small edited test photos of the localization tests (src/core/test/resources/localization/), made with the
edit recipe's own functions from two CC0 python3-skimage photographs (the lare-* crops of
src/core/test/resources/photos, held out from every fitting):

    /usr/bin/python3 models/training/edits/make_fixtures.py --out src/core/test/resources/localization

coffee-splice.png   lare-coffee-wide.png with a blob of lare-chelsea-wide.png (the cat) pasted, resized 0.8x, hard edge
chelsea-clone.png   lare-chelsea-wide.png with an object-sized hole filled by texture cloned from around it
coffee-copymove.png lare-coffee-wide.png with a region copied, turned 12 degrees and pasted elsewhere, feathered edge
each with <name>.mask.png (255 = edited). Seeded; PNG, so no compression after the edit.
"""
import argparse
import os
import random
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build_edits as be  # noqa: E402

PHOTOS = os.path.join(HERE, "..", "..", "..", "src", "core", "test", "resources", "photos")


def load(name):
    return np.asarray(Image.open(os.path.join(PHOTOS, name)).convert("RGB"), dtype=np.uint8).copy()


def save(out, name, img, p):
    Image.fromarray(img).save(os.path.join(out, name + ".png"), optimize=True)
    Image.fromarray(((p["_alpha"] >= 0.5) * 255).astype(np.uint8)).save(os.path.join(out, name + ".mask.png"), optimize=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    coffee, chelsea = load("lare-coffee-wide.png"), load("lare-chelsea-wide.png")
    h, w = coffee.shape[:2]
    # splice: the cat's head region of chelsea, resized 0.8x, into the coffee photo; hard edge, no recolour
    r = random.Random(1)
    alpha, p = be.shape_alpha(h, w, r, 0.05, 0.05, centre=(360, 130))
    ys, xs = np.nonzero(alpha > 0.01)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    donor = np.asarray(Image.fromarray(chelsea).resize((round(chelsea.shape[1] * 0.8), round(chelsea.shape[0] * 0.8)),
                                                      Image.BICUBIC), dtype=np.uint8)
    content = coffee.copy()
    content[y0:y1, x0:x1] = donor[40:40 + (y1 - y0), 130:130 + (x1 - x0)]
    p["_alpha"] = (alpha >= 0.5).astype(np.float32)
    save(a.out, "coffee-splice", be.compose(coffee, content, p["_alpha"]), p)
    # clone fill: a hole in chelsea's background filled from one to three offsets around it, hard edge
    r = random.Random(2)
    hc, wc = chelsea.shape[:2]
    alpha, p = be.shape_alpha(hc, wc, r, 0.04, 0.04, centre=(90, 200))
    p["_alpha"] = (alpha >= 0.5).astype(np.float32)
    save(a.out, "chelsea-clone", be.compose(chelsea, be.clone_fill(chelsea, alpha >= 0.5, r, p), p["_alpha"]), p)
    # copy-move: a region turned 12 degrees and pasted 220 pixels to the right; feathered edge (sigma 1.5)
    alpha, p = be.shape_alpha(h, w, random.Random(3), 0.03, 0.03, centre=(120, 250))
    moved, malpha = be.moved_copy(coffee, alpha, 12.0, 1.0, 340, 250)
    import scipy.ndimage as nd
    p["_alpha"] = nd.gaussian_filter(malpha, 1.5)
    save(a.out, "coffee-copymove", be.compose(coffee, moved, p["_alpha"]), p)
    print({k: v for k, v in p.items() if not k.startswith("_")})


if __name__ == "__main__":
    main()
