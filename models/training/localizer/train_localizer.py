#!/usr/bin/python3
"""Provenant's learned localizer: a small U-Net trained on self-made edits (models/training/edits, TRAINING part
only) to predict, from RGB, the noiseprint and JPEG re-save differences (features.py), a per-pixel probability that
a pixel was edited and a window-level probability that the window holds an edit (TruFor's idea, Guillaro et al.,
CVPR 2023, in miniature).

Two steps (CPU, seeded; as run in session 8, 1 thread: prepare 15 min, train 1.1 s per step on a quiet core;
the noiseprint checkpoint must be the one models/noiseprint/noiseprint.onnx was exported from):
  nice -n 19 /usr/bin/python3 models/training/localizer/train_localizer.py prepare --edits data/edits \
      --noiseprint data/noiseprint/last.pt --out data/unet-localizer/crops
  nice -n 19 /usr/bin/python3 models/training/localizer/train_localizer.py train --crops data/unet-localizer/crops \
      --work data/unet-localizer --steps 1800 --budget-min 38
(the log, data/unet-localizer/train.log, records the step reached; to repeat a run the budget cut, use --stop-at N)
Then evaluate_localizer.py measures it on whole held-out images and real-edits (validation only).

prepare: from every TRAINING edit one crop of CROP x CROP pixels at offsets that are multiples of 8 (the JPEG grid of
the re-save features), centred (as far as it fits) on an edited pixel drawn at random; from its untouched host one
crop anywhere. The noiseprint of a crop is computed with NOISEPRINT_MARGIN pixels of the image around it (as the Java side
runs it window by window). train: Adam; loss = BCE + soft Dice on the map, + BCE of the window-level head (label: the
crop holds at least MIN_EDIT_SHARE edited pixels); random flips and 90-degree rotations of whole crops.
"""
import argparse
import csv
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
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "noiseprint"))
import features  # noqa: E402

SEED = 20261207
CROP = 256
NOISEPRINT_MARGIN = 16
MIN_EDIT_SHARE = 0.01
WIDTHS = (12, 24, 32, 48)
BATCH = 4

Image.MAX_IMAGE_PIXELS = None


def block(cin, cout):
    """Two conv3x3 + BatchNorm + ReLU. Without the BatchNorm the first run (lr 1e-3, batch 4) collapsed: by step 600
    three quarters of the bottleneck channels were dead and the map a constant 0.16 (the edited share)."""
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Localizer(nn.Module):
    """U-Net: 3 poolings (inputs H, W multiples of 8); outputs the edit probability map [N,1,H,W] and the
    window-level probability [N,1] (global mean and max pooling of the bottleneck, then a linear layer)."""

    def __init__(self, cin=features.CHANNELS, w=WIDTHS):
        super().__init__()
        self.e1, self.e2, self.e3, self.b = block(cin, w[0]), block(w[0], w[1]), block(w[1], w[2]), block(w[2], w[3])
        self.u3, self.u2, self.u1 = (nn.ConvTranspose2d(w[3], w[2], 2, 2), nn.ConvTranspose2d(w[2], w[1], 2, 2),
                                     nn.ConvTranspose2d(w[1], w[0], 2, 2))
        self.d3, self.d2, self.d1 = block(2 * w[2], w[2]), block(2 * w[1], w[1]), block(2 * w[0], w[0])
        self.head = nn.Conv2d(w[0], 1, 1)
        self.det = nn.Linear(2 * w[3], 1)

    def logits(self, x):
        e1 = self.e1(x)
        e2 = self.e2(F.max_pool2d(e1, 2))
        e3 = self.e3(F.max_pool2d(e2, 2))
        b = self.b(F.max_pool2d(e3, 2))
        d3 = self.d3(torch.cat([self.u3(b), e3], 1))
        d2 = self.d2(torch.cat([self.u2(d3), e2], 1))
        d1 = self.d1(torch.cat([self.u1(d2), e1], 1))
        pooled = torch.cat([b.mean(dim=(2, 3)), b.amax(dim=(2, 3))], 1)
        return self.head(d1), self.det(pooled)

    def forward(self, x):
        m, d = self.logits(x)
        return torch.sigmoid(m), torch.sigmoid(d)


def log(msg, fh=None):
    line = time.strftime("%H:%M:%S ") + msg
    print(line, flush=True)
    if fh:
        fh.write(line + "\n")
        fh.flush()


def load_rgb01(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255.0


def load_noiseprint(ck_path):
    from train_noiseprint import Noiseprint
    ck = torch.load(ck_path)
    net = Noiseprint(ck["channels"], ck["layers"])
    net.load_state_dict(ck["net"])
    net.eval()
    return net


@torch.no_grad()
def crop_inputs(np_net, rgb01, y, x, size=CROP):
    """Input planes of the crop (y, x, size): the noiseprint is run on the crop plus NOISEPRINT_MARGIN pixels of the
    image around it, as the Java side does; the re-save planes on the crop itself (its offsets are multiples of 8,
    so its blocks are the image's)."""
    h, w = rgb01.shape[:2]
    y0, x0 = max(0, y - NOISEPRINT_MARGIN), max(0, x - NOISEPRINT_MARGIN)
    y1, x1 = min(h, y + size + NOISEPRINT_MARGIN), min(w, x + size + NOISEPRINT_MARGIN)
    t = torch.from_numpy(np.ascontiguousarray(rgb01[y0:y1, x0:x1])).permute(2, 0, 1)[None]
    npr = np_net(t)[0, 0].numpy()[y - y0:y - y0 + size, x - x0:x - x0 + size]
    return features.input_planes(rgb01[y:y + size, x:x + size], npr)


def pick(rng, side, centre=None):
    hi = (side - CROP) // 8
    if centre is None:
        return 8 * rng.randint(0, hi)
    return 8 * min(hi, max(0, int(round((centre - CROP / 2) / 8))))


def prepare(a):
    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(a.threads)
    np_net = load_noiseprint(a.noiseprint)
    with open(a.index or os.path.join(a.edits, "index.tsv"), newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["split"] == "training"]
    rows.sort(key=lambda r: r["id"])
    if a.limit:
        rows = rng.sample(rows, a.limit)
    xs, ms, labels, kinds = [], [], [], []
    t0 = time.time()
    for i, r in enumerate(rows):
        img = load_rgb01(os.path.join(a.edits, r["path"]))
        mask = np.asarray(Image.open(os.path.join(a.edits, r["mask"])).convert("L")) >= 128
        orig = load_rgb01(os.path.join(a.edits, r["original"]))
        h, w = mask.shape
        if h < CROP or w < CROP:
            continue
        yy, xx = np.nonzero(mask)
        # one crop around the edit: centred on a random edited pixel (so large masks give their edges too)
        k = rng.randrange(len(yy)) if len(yy) else None
        spots = [(pick(rng, h, yy[k] if k is not None else None), pick(rng, w, xx[k] if k is not None else None))]
        for (y, x) in spots:
            xs.append(compact(crop_inputs(np_net, img, y, x)))
            m = mask[y:y + CROP, x:x + CROP]
            ms.append(np.packbits(m))
            labels.append(float(m.mean() >= MIN_EDIT_SHARE))
            kinds.append(r["edit_type"])
        y, x = pick(rng, orig.shape[0]), pick(rng, orig.shape[1])
        xs.append(compact(crop_inputs(np_net, orig, y, x)))
        ms.append(np.packbits(np.zeros((CROP, CROP), bool)))
        labels.append(0.0)
        kinds.append("original")
        if (i + 1) % 50 == 0:
            print(f"{i + 1}/{len(rows)} edits, {len(xs)} crops, {time.time() - t0:.0f} s", flush=True)
    save_crops(a.out, xs, ms, labels, kinds)
    print(f"wrote {a.out}: {len(xs)} crops ({int(sum(labels))} with an edit) from {len(rows)} edits in {time.time() - t0:.0f} s")


def compact(x):
    """8-bit RGB and re-save planes, float16 noiseprint without its gain (the RGB planes were 8-bit to start with)."""
    return (np.round(x[0:3] * 255).astype(np.uint8), (x[3] / features.NOISEPRINT_GAIN).astype(np.float16),
            np.round(x[4:] * 255).astype(np.uint8))


def save_crops(out, xs, ms, labels, kinds):
    """Crops as memory-mappable arrays, packed masks."""
    os.makedirs(out, exist_ok=True)
    for k, name in enumerate(("rgb", "noiseprint", "resave")):
        np.save(os.path.join(out, name + ".npy"), np.stack([c[k] for c in xs]))
    np.save(os.path.join(out, "mask.npy"), np.stack(ms))
    np.save(os.path.join(out, "label.npy"), np.array(labels, np.float32))
    with open(os.path.join(out, "kind.txt"), "w") as f:
        f.write("\n".join(kinds) + "\n")


class Crops:
    def __init__(self, d):
        self.rgb = np.load(os.path.join(d, "rgb.npy"), mmap_mode="r")
        self.np = np.load(os.path.join(d, "noiseprint.npy"), mmap_mode="r")
        self.rs = np.load(os.path.join(d, "resave.npy"), mmap_mode="r")
        self.mask = np.load(os.path.join(d, "mask.npy"), mmap_mode="r")
        self.label = np.load(os.path.join(d, "label.npy"))

    def __len__(self):
        return len(self.label)

    def item(self, i):
        x = np.concatenate([self.rgb[i].astype(np.float32) / 255, self.np[i][None].astype(np.float32) * features.NOISEPRINT_GAIN,
                            self.rs[i].astype(np.float32) / 255])
        m = np.unpackbits(self.mask[i])[:CROP * CROP].reshape(1, CROP, CROP).astype(np.float32)
        return torch.from_numpy(x), torch.from_numpy(m)


def augment(x, m, rng):
    k = rng.randrange(4)
    if k:
        x, m = torch.rot90(x, k, (1, 2)), torch.rot90(m, k, (1, 2))
    if rng.random() < 0.5:
        x, m = torch.flip(x, (2,)), torch.flip(m, (2,))
    return x, m


def loss_fn(net, x, m, lab):
    ml, dl = net.logits(x)
    bce = F.binary_cross_entropy_with_logits(ml, m)
    p = torch.sigmoid(ml)
    inter = (p * m).sum(dim=(1, 2, 3))
    dice = 1 - (2 * inter + 1) / (p.sum(dim=(1, 2, 3)) + m.sum(dim=(1, 2, 3)) + 1)
    det = F.binary_cross_entropy_with_logits(dl[:, 0], lab)
    return bce + dice.mean() + det, det


def train(a):
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(a.threads)
    data = Crops(a.crops)
    L = data.label
    n = len(data)
    os.makedirs(a.work, exist_ok=True)
    logf = open(os.path.join(a.work, "train.log"), "a")
    log(f"{n} crops, {int(L.sum())} with an edit", logf)
    net = Localizer()
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    rng = random.Random(SEED + 1)
    t0 = time.time()
    deadline = t0 + 60 * a.budget_min if a.budget_min else None
    run, step = None, 0
    while step < a.steps:
        lr = a.lr * (0.3 if step >= 0.7 * a.steps else 1)
        for g in opt.param_groups:
            g["lr"] = lr
        xb, mb = [], []
        idx = [rng.randrange(n) for _ in range(BATCH)]
        for i in idx:
            x, m = augment(*data.item(i), rng)
            xb.append(x)
            mb.append(m)
        loss, det = loss_fn(net, torch.stack(xb), torch.stack(mb), torch.from_numpy(L[idx]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
        if step % 50 == 0 or step == a.steps:
            log(f"step {step} loss {run:.4f} (window head {det.item():.3f}) lr {lr:.1e} | {time.time() - t0:.0f} s", logf)
            torch.save({"net": net.state_dict(), "step": step, "widths": WIDTHS}, os.path.join(a.work, "last.pt"))
        if (deadline and time.time() > deadline) or (a.stop_at and step >= a.stop_at):
            log(f"stopped after {step} steps (budget or --stop-at)", logf)
            break
    torch.save({"net": net.state_dict(), "step": step, "widths": WIDTHS}, os.path.join(a.work, "final.pt"))
    log(f"done: {step} steps in {time.time() - t0:.0f} s", logf)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--edits", default="data/edits")
    p.add_argument("--index", default=None, help="index.tsv of the edits (default: <edits>/index.tsv)")
    p.add_argument("--noiseprint", default="data/noiseprint/final.pt")
    p.add_argument("--out", default="data/localizer/crops")
    p.add_argument("--limit", type=int, default=0, help="use only this many edits (0 = all)")
    p.add_argument("--threads", type=int, default=1)
    t = sub.add_parser("train")
    t.add_argument("--crops", default="data/localizer/crops")
    t.add_argument("--work", default="data/localizer")
    t.add_argument("--steps", type=int, default=3000)
    t.add_argument("--stop-at", type=int, default=None)
    t.add_argument("--budget-min", type=float, default=None)
    t.add_argument("--lr", type=float, default=1e-3)
    t.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    prepare(a) if a.cmd == "prepare" else train(a)


if __name__ == "__main__":
    main()
