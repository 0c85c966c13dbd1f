#!/usr/bin/python3
"""Checks a noiseprint checkpoint on HELD-OUT camera photos (models/training/splits.py), never on training ones:

1. camera-model verification: AUC of "same model and grid phase" vs "different" for the squared distance between
   the noiseprints of 48x48 patches of different photos (held-out models the network never saw);
2. splices made here between held-out photos of different camera models (a rectangle of 96-320 px from the donor,
   pasted at any offset, so its 8x8 grid is mostly misaligned; half of the results re-saved as JPEG q 75-95):
   image-level AUC of the anomaly score against the untouched hosts (same re-save), and mean IoU / F1 of the
   anomaly map thresholded at 0.5 with the pasted rectangle.

  nice -n 19 /usr/bin/python3 models/training/noiseprint/check_noiseprint.py data/noiseprint/last.pt --pairs 24
"""
import argparse
import io
import os
import random
import sys

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
import anomaly  # noqa: E402
import mirror  # noqa: E402
import splits  # noqa: E402
from train_noiseprint import Noiseprint, build_pool, validate, load_crop  # noqa: E402

SEED = 7


class HighPass(torch.nn.Module):
    """Baseline residual: luma minus its 3x3 mean (no learning), for comparison."""

    def forward(self, x):
        y = 0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3]
        return y - torch.nn.functional.avg_pool2d(y, 3, 1, 1, count_include_pad=False)


def load(ck_path):
    if ck_path == "highpass":
        return HighPass(), 0
    ck = torch.load(ck_path)
    net = Noiseprint(ck["channels"], ck["layers"])
    net.load_state_dict(ck["net"])
    net.eval()
    return net, ck.get("step")


@torch.no_grad()
def noiseprint(net, a):
    x = torch.from_numpy(a).permute(2, 0, 1)[None].float() / 255.0
    return net(x)[0, 0].numpy()


def rejpeg(a, q):
    buf = io.BytesIO()
    Image.fromarray(a).save(buf, "JPEG", quality=q)
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def auc(neg, pos):
    neg, pos = np.asarray(neg), np.asarray(pos)
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (len(pos) * len(neg)))


def image_scores(post, maha, cells):
    return {"headline": anomaly.score(cells), "max_post": float(np.nanmax(post)), "mean_post": float(np.nanmean(post)),
            "top5_maha": float(np.sort(maha.ravel())[-max(1, maha.size // 20):].mean())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("checkpoint", help="a checkpoint, or 'highpass' for the fixed baseline residual")
    ap.add_argument("--shared", default=os.environ.get("PROVENANT_SHARED", "../shared"))
    ap.add_argument("--pairs", type=int, default=24)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    net, step = load(a.checkpoint)
    val = [c for c in build_pool(a.shared, "held-out") if len(c[1]) >= 4]
    vl, va = validate(net, val, batches=8) if a.checkpoint != "highpass" else (float("nan"), float("nan"))
    print(f"checkpoint step {step}: held-out model verification loss {vl:.4f}, same-vs-different AUC {va:.4f}")
    rows = [r for r in splits.real_camera_rows(a.shared) if r["split"] == "held-out"]
    rng = random.Random(SEED)
    s_orig, s_edit, ious, f1s = {}, {}, [], []
    for k in range(a.pairs):
        host, donor = rng.sample(rows, 2)
        while donor["model"] == host["model"]:
            donor = rng.choice(rows)
        A = load_crop(os.path.join(a.shared, "datasets", "real-camera", host["file"]))
        B = load_crop(os.path.join(a.shared, "datasets", "real-camera", donor["file"]))
        h, w = A.shape[:2]
        rh, rw = rng.randint(96, min(320, h // 2)), rng.randint(96, min(320, w // 2))
        y, x = rng.randrange(h - rh), rng.randrange(w - rw)
        sy, sx = rng.randrange(B.shape[0] - rh), rng.randrange(B.shape[1] - rw)
        E = A.copy()
        E[y:y + rh, x:x + rw] = B[sy:sy + rh, sx:sx + rw]
        mask = np.zeros((h, w), bool)
        mask[y:y + rh, x:x + rw] = True
        if k % 2:
            q = rng.randint(75, 95)
            A, E = rejpeg(A, q), rejpeg(E, q)
        for img, store in ((A, s_orig), (E, s_edit)):
            post, maha = anomaly.em_anomaly(anomaly.block_features(noiseprint(net, img), anomaly.usable(mirror.grey(img.astype(np.float32) / 255))))
            cells = anomaly.cell_map(post, h, w)
            for key, v in image_scores(post, maha, cells).items():
                store.setdefault(key, []).append(v)
            if store is s_edit:
                pm = mirror.upsample(cells, h, w) >= 0.5
                inter, union = (pm & mask).sum(), (pm | mask).sum()
                ious.append(inter / max(1, union))
                f1s.append(2 * inter / max(1, pm.sum() + mask.sum()))
    for key in s_orig:
        print(f"image-level AUC ({key}): {auc(s_orig[key], s_edit[key]):.3f}")
    print(f"pixel IoU mean {np.mean(ious):.3f}, median {np.median(ious):.3f}; F1 mean {np.mean(f1s):.3f} ({a.pairs} splices)")


if __name__ == "__main__":
    main()
