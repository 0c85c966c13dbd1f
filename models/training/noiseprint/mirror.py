"""Python mirror of the two Java indicators (org.provenant.indicators.pixel.noiseprint.NoiseprintIndicator and
org.provenant.indicators.pixel.learnedloc.LearnedLocalizer), for measuring them in the recipe: same decoding, same
windows, same maps and scores (checked against the Java output on sample images, see docs/noiseprint.md).
"""
import io
import os
import sys

import numpy as np
import torch
from PIL import Image, ImageCms

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "localizer"))
import anomaly  # noqa: E402
import features  # noqa: E402

WINDOW = 256
MAX_PIXELS = 1_000_000  # NoiseprintField.MAX_PIXELS (lowered from 4 MP; the figures in docs/noiseprint.md were measured at 4 MP)
MARGIN = 16
LOC_CELL = 4
EDITED = 0.5

Image.MAX_IMAGE_PIXELS = None
_SRGB = ImageCms.createProfile("sRGB")


def decode_like_product(path):
    """RGB float32 [H, W, 3] in [0, 1] as Provenant's ImageLoader gives it: pixels as stored, no EXIF rotation, except
    that a JPEG's embedded non-sRGB ICC profile (Display P3 of iPhones) is converted to sRGB, as the JPEG reader does
    (checked: mean difference 0.004 levels, max 1)."""
    im = Image.open(path)
    icc = im.info.get("icc_profile")
    rgb = im.convert("RGB")
    if icc and im.format == "JPEG":
        prof = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" not in ImageCms.getProfileDescription(prof).lower():
            rgb = ImageCms.profileToProfile(rgb, prof, _SRGB, outputMode="RGB")
    return np.asarray(rgb, dtype=np.float32) / 255.0


def _contiguous(side):
    if side <= WINDOW:
        return [0]
    n = -(-side // WINDOW)
    return [min(i * WINDOW, (side - WINDOW) // 8 * 8) for i in range(n)]


def _spread(side, period):
    n = (side - WINDOW) // period + 1
    off = (side - WINDOW - (n - 1) * period) // 2 // 32 * 32
    return [off + i * period for i in range(n)]


def lattice(w, h):
    if w * h <= MAX_PIXELS:
        return _contiguous(w), _contiguous(h)
    p = WINDOW
    while len(_spread(w, p)) * len(_spread(h, p)) * WINDOW * WINDOW > MAX_PIXELS:
        p += 32
    return _spread(w, p), _spread(h, p)


@torch.no_grad()
def noiseprint_field(net, rgb):
    h, w = rgb.shape[:2]
    xs, ys = lattice(w, h)
    out = np.full((h, w), np.nan, np.float32)
    for y in ys:
        for x in xs:
            ww, wh = min(WINDOW, w - x), min(WINDOW, h - y)
            x0, y0 = max(0, x - MARGIN), max(0, y - MARGIN)
            x1, y1 = min(w, x + ww + MARGIN), min(h, y + wh + MARGIN)
            t = torch.from_numpy(np.ascontiguousarray(rgb[y0:y1, x0:x1])).permute(2, 0, 1)[None]
            out[y:y + wh, x:x + ww] = net(t)[0, 0].numpy()[y - y0:y - y0 + wh, x - x0:x - x0 + ww]
    return out, xs, ys


def grey(rgb):
    return (np.float32(0.299) * rgb[..., 0] + np.float32(0.587) * rgb[..., 1] + np.float32(0.114) * rgb[..., 2])


def noiseprint_indicator(field, rgb):
    """(cells, headline) of the noiseprint indicator from the field; (None, nan) when too few usable blocks."""
    h, w = field.shape
    res = anomaly.em_anomaly(anomaly.block_features(field, anomaly.usable(grey(rgb))))
    if res is None:
        return None, float("nan")
    cells = anomaly.cell_map(res[0], h, w)
    return cells, anomaly.score(cells)


@torch.no_grad()
def localizer_indicator(loc, rgb, field, xs, ys):
    """(cells of LOC_CELL px, headline = highest window probability) of the learned localizer."""
    h, w = rgb.shape[:2]
    resave = [features.resave_difference(rgb, q) for q in features.RESAVE_QUALITIES]
    prob = np.full((h, w), np.nan, np.float32)
    best = 0.0
    for y in ys:
        for x in xs:
            planes = [rgb[y:y + WINDOW, x:x + WINDOW, c] for c in range(3)]
            planes.append(field[y:y + WINDOW, x:x + WINDOW] * features.NOISEPRINT_GAIN)
            for r in resave:
                planes.append(np.minimum(r[y:y + WINDOW, x:x + WINDOW] / features.RESAVE_SCALE, 1.0))
            m, d = loc(torch.from_numpy(np.stack(planes).astype(np.float32))[None])
            prob[y:y + WINDOW, x:x + WINDOW] = m[0, 0].numpy()
            best = max(best, float(d[0, 0]))
    mh, mw = -(-h // LOC_CELL), -(-w // LOC_CELL)
    pad = np.full((mh * LOC_CELL, mw * LOC_CELL), np.nan, np.float32)
    pad[:h, :w] = prob
    with np.errstate(invalid="ignore"):
        cells = np.nanmean(pad.reshape(mh, LOC_CELL, mw, LOC_CELL).transpose(0, 2, 1, 3).reshape(mh, mw, -1), axis=2)
    return cells, best


def upsample(cells, h, w):
    """A cell map back to pixels (cell (cx, cy) covers floor(cx W / mw) .. as org.provenant...Regions does)."""
    mh, mw = cells.shape
    ys = np.minimum(mh - 1, (np.arange(h) * mh) // h)
    xs = np.minimum(mw - 1, (np.arange(w) * mw) // w)
    return cells[ys][:, xs]
