#!/usr/bin/python3
"""The decoder-trace detector (issue 21 item 2): a small residual CNN that tells each real photo from its own
reconstruction through a decoder (aligned pairs: same content, size and format, so only the decoder's trace is left
to learn; Rajan et al., ICLR 2025, arXiv 2410.11835), with JPEG re-save and resize augmentation of both halves of a
pair alike.

    nice -n 19 /usr/bin/python3 models/training/decoder_traces/train_detector.py --hold-out taef2 --out data/decoder-pairs/runs/lodo-taef2
    nice -n 19 /usr/bin/python3 models/training/decoder_traces/train_detector.py --out data/decoder-pairs/runs/all --onnx FILE

Trains on the TRAINING photos' pairs (models/training/splits.py) of every decoder but the held-out ones and measures
(ROC AUC, image score = mean logit over up to 9 patches of 64 px): (1) each decoder on HELD-OUT photos (photo vs its
reconstruction; the held-out decoders are the leave-one-decoder-out figures), as stored and after a JPEG q90 re-save
of both; (2) the genuine generated images of the corpus (crop PNGs; never trained on) against the held-out real
photos' crop PNGs, and their q90 re-saves and downscales from data/eval/robust, per generator too. Writes
<out>/figures.tsv and <out>/model.pt (and an ONNX graph with --onnx).
"""
import argparse
import io
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
from pairs import read_index  # noqa: E402

SEED = 20261206
PATCH = 64


class ResBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a = nn.Conv2d(c, c, 3, padding=1)
        self.b = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return x + self.b(F.leaky_relu(self.a(F.leaky_relu(x, 0.1)), 0.1))


class TraceNet(nn.Module):
    """Full-resolution residual blocks first (no early downsampling: the trace is in the finest pixels), then two
    stride-2 stages; global average pooling of a per-position logit map, so any size (>= 16 px) can be scored."""

    def __init__(self, w=16):
        super().__init__()
        self.stem = nn.Conv2d(3, w, 3, padding=1)
        self.full = nn.Sequential(ResBlock(w), ResBlock(w))
        self.down1 = nn.Conv2d(w, 2 * w, 3, stride=2, padding=1)
        self.mid = nn.Sequential(ResBlock(2 * w), ResBlock(2 * w))
        self.down2 = nn.Conv2d(2 * w, 4 * w, 3, stride=2, padding=1)
        self.deep = nn.Sequential(ResBlock(4 * w), ResBlock(4 * w))
        self.head = nn.Conv2d(4 * w, 1, 1)

    def logit_map(self, x):
        x = self.full(self.stem(x - 0.5))
        x = self.mid(self.down1(F.leaky_relu(x, 0.1)))
        x = self.deep(self.down2(F.leaky_relu(x, 0.1)))
        return self.head(F.leaky_relu(x, 0.1))

    def forward(self, x):
        return self.logit_map(x).mean(dim=(1, 2, 3))


def jpeg(im, q, sub):
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q, subsampling=sub)
    b.seek(0)
    return Image.open(b).convert("RGB")


def arr(im):
    return np.asarray(im, dtype=np.float32).transpose(2, 0, 1) / 255.0


def augmented_pair(a, b, rng):
    """The same random resize, crop, flip and JPEG re-save applied to both images of a pair."""
    if rng.random() < 0.3:
        f = rng.uniform(0.5, 0.9)
        size = (max(PATCH, round(a.size[0] * f)), max(PATCH, round(a.size[1] * f)))
        a, b = a.resize(size, Image.LANCZOS), b.resize(size, Image.LANCZOS)
    w, h = a.size
    x, y = rng.randrange(w - PATCH + 1), rng.randrange(h - PATCH + 1)
    # a little context around the patch so the JPEG grid falls anywhere relative to it
    x0, y0 = max(0, x - 8), max(0, y - 8)
    box = (x0, y0, min(w, x + PATCH + 8), min(h, y + PATCH + 8))
    a, b = a.crop(box), b.crop(box)
    if rng.random() < 0.5:
        q, sub = rng.randint(70, 95), rng.choice((0, 2))
        a, b = jpeg(a, q, sub), jpeg(b, q, sub)
    dx, dy = x - x0, y - y0
    pa, pb = arr(a)[:, dy:dy + PATCH, dx:dx + PATCH], arr(b)[:, dy:dy + PATCH, dx:dx + PATCH]
    if rng.random() < 0.5:
        pa, pb = pa[:, :, ::-1], pb[:, :, ::-1]
    return pa, pb


def patches(im, n=3):
    """Up to n x n patches of PATCH px on a regular grid over the image."""
    a = arr(im)
    _, h, w = a.shape
    ys = np.linspace(0, h - PATCH, n).round().astype(int) if h > PATCH else [0]
    xs = np.linspace(0, w - PATCH, n).round().astype(int) if w > PATCH else [0]
    return np.stack([a[:, y:y + PATCH, x:x + PATCH] for y in sorted(set(ys)) for x in sorted(set(xs))])


def score(model, im):
    with torch.no_grad():
        return float(model(torch.from_numpy(np.ascontiguousarray(patches(im)))).mean())


def auc(pos, neg):
    pos, neg = np.asarray(pos), np.asarray(neg)
    allv = np.concatenate([pos, neg])
    ranks = np.argsort(np.argsort(allv)) + 1.0
    # average ranks for ties
    _, inv, counts = np.unique(allv, return_inverse=True, return_counts=True)
    sums = np.zeros(len(counts))
    np.add.at(sums, inv, ranks)
    ranks = (sums / counts)[inv]
    return (ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def load_rgb(path):
    return Image.open(path).convert("RGB")


def train(a, pairs, log):
    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    model = TraceNet()
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    cache = {}

    def img(p):
        if p not in cache:
            cache[p] = load_rgb(p)
        return cache[p]

    t0 = time.time()
    step = 0
    for step in range(1, a.steps + 1):
        xs, ys = [], []
        for _ in range(a.batch // 2):
            inp, rec = pairs[rng.randrange(len(pairs))]
            pa, pb = augmented_pair(img(inp), img(rec), rng)
            xs += [pa, pb]
            ys += [0.0, 1.0]
        x = torch.from_numpy(np.ascontiguousarray(np.stack(xs)))
        loss = F.binary_cross_entropy_with_logits(model(x), torch.tensor(ys))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0:
            log("step %d loss %.4f %.0f s" % (step, float(loss), time.time() - t0))
        if a.budget_min and time.time() - t0 > 60 * a.budget_min:
            break
    log("trained %d steps in %.1f min" % (step, (time.time() - t0) / 60))
    return model.eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(REPO, "data"))
    ap.add_argument("--hold-out", default="", help="decoders left out of training (comma-separated)")
    ap.add_argument("--only", default="", help="train on these decoders only")
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--budget-min", type=float, default=0)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--onnx", help="also export the model as ONNX (input x float32[1,3,H,W] RGB 0..1, output logit)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    logf = open(os.path.join(a.out, "log.txt"), "a")

    def log(m):
        print(m, file=logf, flush=True)
        print(m, flush=True)

    base = os.path.join(a.data, "decoder-pairs")
    rows = read_index(os.path.join(base, "index.tsv"))
    held = set(filter(None, a.hold_out.split(",")))
    only = set(filter(None, a.only.split(",")))
    train_pairs = [(os.path.join(base, r["input"]), os.path.join(base, r["reconstruction"])) for r in rows
                   if r["split"] == "training" and r["decoder"] not in held and (not only or r["decoder"] in only)]
    log("args %s; %d training pairs" % (vars(a), len(train_pairs)))
    model = train(a, train_pairs, log)
    torch.save(model.state_dict(), os.path.join(a.out, "model.pt"))
    fig = open(os.path.join(a.out, "figures.tsv"), "w")
    fig.write("what\tcondition\tpositives\tnegatives\tauc\n")

    def put(what, cond, pos, neg):
        v = auc(pos, neg)
        fig.write("%s\t%s\t%d\t%d\t%.3f\n" % (what, cond, len(pos), len(neg), v))
        fig.flush()
        log("%-40s %-10s %4d/%4d AUC %.3f" % (what, cond, len(pos), len(neg), v))

    # (1) every decoder on held-out photos, as stored and after q90 of both
    by_dec = {}
    for r in rows:
        if r["split"] == "held-out":
            by_dec.setdefault(r["decoder"], []).append(r)
    for d, rs in sorted(by_dec.items()):
        for cond in ("stored", "jpeg90"):
            pos, neg = [], []
            for r in rs:
                x, y = load_rgb(os.path.join(base, r["input"])), load_rgb(os.path.join(base, r["reconstruction"]))
                if cond == "jpeg90":
                    x, y = jpeg(x, 90, 2), jpeg(y, 90, 2)
                neg.append(score(model, x))
                pos.append(score(model, y))
            put("decoder %s%s" % (d, " (held out)" if d in held else ""), cond, pos, neg)
    # (2) genuine generated images vs held-out real photos (never trained on)
    ev = os.path.join(a.data, "eval")
    items = read_index(os.path.join(ev, "heldout.tsv"))
    conds = {"stored": lambda t: t.startswith("crop") and t[4:].isdigit(),
             "jpeg90": lambda t: t.endswith("-resave-jpeg90-420"),
             "resize": lambda t: "-resize" in t and "jpeg" not in t}
    for cond, keep in conds.items():
        gen, real = {}, []
        for r in items:
            if r["set"] not in ("corpus", "robust") or not keep(r["transform"]):
                continue
            s = score(model, load_rgb(os.path.join(ev, r["path"])))
            if r["label"] == "real" and r["set"] != "classic":
                real.append(s)
            elif r["label"] == "generated":
                gen.setdefault(r["source"], []).append(s)
        put("generated, all", cond, [v for vs in gen.values() for v in vs], real)
        for g, vs in sorted(gen.items()):
            if len(vs) >= 5:
                put("generated " + g, cond, vs, real)
    if a.onnx:
        torch.onnx.export(model, torch.zeros(1, 3, 128, 128), a.onnx, input_names=["x"], output_names=["logit"],
                          dynamic_axes={"x": {2: "H", 3: "W"}}, opset_version=13)
        log("exported " + a.onnx)


if __name__ == "__main__":
    main()
