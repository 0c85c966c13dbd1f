#!/usr/bin/python3
"""Provenant's camera-noise extractor: a small Noiseprint (Cozzolino & Verdoliva, IEEE TIFS 2020, arXiv 1808.08396).

A DnCNN-like fully convolutional network maps an RGB image to a one-channel "noiseprint": a residual in which the
scene is suppressed and the traces of the camera model and of the JPEG grid remain. It is trained with the paper's
distance-based logistic loss (DBL): in a minibatch of patches, each patch should be closer (squared distance of the
outputs' 8x8 phase patterns, see embed(); the paper compares whole output patches, which learned too slowly on our
CPU budget) to the patches of its own group than to the others, where a group is one camera model (or one camera model
recompressed at one JPEG quality, as TruFor's Noiseprint++ adds editing history, arXiv 2212.10957) AND one phase
(y mod 8, x mod 8) of the 8x8 JPEG grid. Patches of a group come from different photographs of that model where
the model has several (so the scene cannot be what they share), else from distant places of one photograph.

Data: the TRAINING split (models/training/splits.py) of ../shared/datasets/real-camera/ (camera JPEGs with their
own quantisation, MCU-aligned crops so the grid phase is the camera's). Held-out camera models only validate.

Network: h = GAIN x (RGB - its 3x3 mean) per channel (a fixed high-pass); output = luma of h + CNN(h), the CNN being
conv3x3(3->C)+ReLU, (L-2) x [conv3x3(C->C) + BatchNorm + ReLU], conv3x3(C->1) with its last layer initialised to
zero (training starts from the plain high-pass residual); zero padding; output the noiseprint (same H, W). Loss on the 48x48 patch outputs without a 6-pixel border.

Usage (CPU; the run is capped by wall-clock time, the log records the steps reached; rerun with --steps N and no
--budget-min to repeat it):
  nice -n 19 /usr/bin/python3 models/training/noiseprint/train_noiseprint.py --work data/noiseprint \
      --steps 100000 --budget-min 180 --threads 2
  /usr/bin/python3 models/training/noiseprint/export_noiseprint.py ...   (ONNX, reference tensors, manifest)
"""
import argparse
import io
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import splits  # noqa: E402

SEED = 20261206
CHANNELS, LAYERS = 32, 10
PATCH, BORDER = 48, 4
GROUPS, PER_GROUP = 16, 4
SIDE = 864  # the real-camera crop size; larger originals are cut to it (offsets multiples of 16)
RECOMPRESS_Q = (65, 95)
GAIN = 20.0  # residual scale: 8-bit noise of ~1 level -> ~0.08


class Noiseprint(nn.Module):
    """A fixed high-pass residual (luma minus its 3x3 mean, times GAIN) plus a learned correction: the CNN sees the
    high-pass residual of each colour channel and its last layer starts at zero, so training starts from a plain noise
    residual (which already localizes some splices) and refines it, instead of first having to learn to suppress the
    scene: a strong start for our short CPU budget."""

    def __init__(self, c=CHANNELS, layers=LAYERS):
        super().__init__()
        mods = [nn.Conv2d(3, c, 3, padding=1), nn.ReLU(inplace=True)]
        for _ in range(layers - 2):
            mods += [nn.Conv2d(c, c, 3, padding=1, bias=False), nn.BatchNorm2d(c), nn.ReLU(inplace=True)]
        mods += [nn.Conv2d(c, 1, 3, padding=1)]
        nn.init.zeros_(mods[-1].weight)
        nn.init.zeros_(mods[-1].bias)
        self.body = nn.Sequential(*mods)

    def forward(self, x):
        hp = (x - F.avg_pool2d(x, 3, 1, 1, count_include_pad=False)) * GAIN
        base = 0.299 * hp[:, 0:1] + 0.587 * hp[:, 1:2] + 0.114 * hp[:, 2:3]
        return base + self.body(hp)


def log(msg, fh=None):
    line = time.strftime("%H:%M:%S ") + msg
    print(line, flush=True)
    if fh:
        fh.write(line + "\n")
        fh.flush()


def load_crop(path):
    """RGB uint8, at most SIDE x SIDE, cut at a multiple of 16 from the centre (keeps the JPEG grid phase)."""
    a = np.asarray(Image.open(path).convert("RGB"))
    h, w = a.shape[:2]
    ch, cw = min(h, SIDE) // 16 * 16, min(w, SIDE) // 16 * 16
    y0, x0 = (h - ch) // 2 // 16 * 16, (w - cw) // 2 // 16 * 16
    return np.ascontiguousarray(a[y0:y0 + ch, x0:x0 + cw])


def recompress(a, q, sub):
    buf = io.BytesIO()
    Image.fromarray(a).save(buf, "JPEG", quality=q, subsampling=sub)
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def build_pool(shared, split):
    """[(class name, [uint8 images])]: one class per camera model, plus, for the training split, one class per
    model recompressed at a seeded JPEG quality and subsampling (a second editing history)."""
    rng = random.Random(SEED)
    by_model = {}
    for r in splits.real_camera_rows(shared):
        if r["split"] == split:
            by_model.setdefault(r["make"] + " " + r["model"], []).append(
                os.path.join(shared, "datasets", "real-camera", r["file"]))
    classes = []
    for model in sorted(by_model):
        imgs = [load_crop(p) for p in sorted(by_model[model])]
        imgs = [a for a in imgs if min(a.shape[:2]) >= 4 * PATCH]
        if not imgs:
            continue
        classes.append((model, imgs))
        if split == "training":
            q, sub = rng.randint(*RECOMPRESS_Q), rng.choice((0, 2))
            classes.append((f"{model} +q{q}/{'444' if sub == 0 else '420'}", [recompress(a, q, sub) for a in imgs]))
    return classes


def sample_batch(classes, rng, groups=GROUPS, per=PER_GROUP):
    """A minibatch of groups x per patches and their labels (class, phase)."""
    xs, labels = [], []
    for g in range(groups):
        ci = rng.randrange(len(classes))
        py, px = rng.randrange(8), rng.randrange(8)
        imgs = classes[ci][1]
        picks = rng.sample(range(len(imgs)), per) if len(imgs) >= per else [rng.randrange(len(imgs)) for _ in range(per)]
        for k in picks:
            a = imgs[k]
            h, w = a.shape[:2]
            y = 8 * rng.randrange((h - PATCH - py) // 8 + 1) + py
            x = 8 * rng.randrange((w - PATCH - px) // 8 + 1) + px
            xs.append(a[y:y + PATCH, x:x + PATCH])
            labels.append(ci * 64 + py * 8 + px)
    x = torch.from_numpy(np.stack(xs)).permute(0, 3, 1, 2).float() / 255.0
    return x, torch.tensor(labels)


def embed(out):
    """A patch's embedding: the 8x8 phase pattern of its output (the mean over the pixels at each position
    (y mod 8, x mod 8) of the patch without its border; patches start on their group's phase, so equal positions
    mean equal grid phases). The anomaly map (anomaly.py) compares blocks by the same pattern."""
    f = out[:, 0, BORDER:-BORDER, BORDER:-BORDER]
    n, h, w = f.shape
    return f.reshape(n, h // 8, 8, w // 8, 8).mean(dim=(1, 3)).reshape(n, 64)


def dbl_loss(out, labels):
    """Distance-based logistic loss (Noiseprint, eq. 3) on the patch embeddings: -log of the softmax mass (over
    -squared distances to all other patches) that falls on the patches with the same label."""
    f = embed(out)
    d = torch.cdist(f, f).pow(2) / f.shape[1]
    n = f.shape[0]
    eye = torch.eye(n, dtype=torch.bool)
    logits = (-d).masked_fill(eye, float("-inf"))
    logp = torch.log_softmax(logits, dim=1)
    same = (labels[:, None] == labels[None, :]) & ~eye
    return -torch.logsumexp(logp.masked_fill(~same, float("-inf")), dim=1).mean(), d, same


def auc(pos, neg):
    """P(a same-group distance < a different-group distance)."""
    pos, neg = np.asarray(pos), np.asarray(neg)
    allv = np.concatenate([pos, neg])
    ranks = allv.argsort().argsort() + 1.0
    return (ranks[len(pos):].sum() - len(neg) * (len(neg) + 1) / 2) / (len(pos) * len(neg))


@torch.no_grad()
def validate(net, val_classes, batches=4):
    net.eval()
    rng = random.Random(SEED + 1)
    losses, pos, neg = [], [], []
    for _ in range(batches):
        x, lab = sample_batch(val_classes, rng)
        loss, d, same = dbl_loss(net(x), lab)
        losses.append(loss.item())
        iu = torch.triu_indices(len(lab), len(lab), 1)
        dd, ss = d[iu[0], iu[1]].numpy(), same[iu[0], iu[1]].numpy()
        pos += list(dd[ss])
        neg += list(dd[~ss])
    net.train()
    # distance is small for the same group: AUC of "different" scores = P(neg distance > pos distance)
    return float(np.mean(losses)), float(auc(pos, neg))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=None, help="folder holding datasets/real-camera (default: found upward)")
    ap.add_argument("--work", default="data/noiseprint", help="checkpoints and log")
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--budget-min", type=float, default=None, help="stop at this wall-clock time (log says steps)")
    ap.add_argument("--stop-at", type=int, default=None, help="stop after this many steps (the lr schedule still "
                    "follows --steps): repeats a run that the budget stopped")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--resume", action="store_true", help="continue from <work>/last.pt")
    a = ap.parse_args()
    shared = a.shared or next(d for d in (os.environ.get("PROVENANT_SHARED", "../shared"), "../../shared") if os.path.isdir(os.path.join(d, "datasets")))
    torch.set_num_threads(a.threads)
    os.makedirs(a.work, exist_ok=True)
    logf = open(os.path.join(a.work, "train.log"), "a")
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    t0 = time.time()
    train = build_pool(shared, "training")
    val = [c for c in build_pool(shared, "held-out") if len(c[1]) >= 4]
    log(f"pool: {len(train)} training classes ({sum(len(c[1]) for c in train)} images), "
        f"{len(val)} held-out validation models, built in {time.time() - t0:.0f} s", logf)
    net = Noiseprint()
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    rng = random.Random(SEED + 2)
    step = 0
    if a.resume and os.path.exists(os.path.join(a.work, "last.pt")):
        ck = torch.load(os.path.join(a.work, "last.pt"))
        net.load_state_dict(ck["net"])
        opt.load_state_dict(ck["opt"])
        step = ck["step"]
        rng.setstate(ck["rng"])
        log(f"resumed at step {step}", logf)
    t_start = time.time()
    deadline = t_start + 60 * a.budget_min if a.budget_min else None
    run = 0.0
    while step < a.steps:
        # step decay: lr/3 after 60 % and again after 85 % of the planned steps
        lr = a.lr * (1 / 3 if step >= 0.6 * a.steps else 1) * (1 / 3 if step >= 0.85 * a.steps else 1)
        for g in opt.param_groups:
            g["lr"] = lr
        x, lab = sample_batch(train, rng)
        loss, _, _ = dbl_loss(net(x), lab)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        run = loss.item() if step == 1 else 0.98 * run + 0.02 * loss.item()
        if step % 50 == 0 or step == a.steps:
            vl, va = validate(net, val)
            log(f"step {step} loss {run:.4f} lr {lr:.1e} | held-out models: loss {vl:.4f} "
                f"same-vs-different AUC {va:.4f} | {time.time() - t_start:.0f} s", logf)
            torch.save({"net": net.state_dict(), "opt": opt.state_dict(), "step": step, "rng": rng.getstate(),
                        "channels": CHANNELS, "layers": LAYERS}, os.path.join(a.work, "last.pt"))
        if (deadline and time.time() > deadline) or (a.stop_at and step >= a.stop_at):
            log(f"stopped after {step} steps (budget or --stop-at)", logf)
            break
    torch.save({"net": net.state_dict(), "step": step, "channels": CHANNELS, "layers": LAYERS},
               os.path.join(a.work, "final.pt"))
    log(f"done: {step} steps in {time.time() - t_start:.0f} s", logf)


if __name__ == "__main__":
    main()
