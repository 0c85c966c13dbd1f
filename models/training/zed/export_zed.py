#!/usr/bin/python3
"""Exports a trained ZED coder to ONNX (opset 13, dynamic H and W) with reference tensors for the Java test, and
writes its entry in models/manifest.json.

    /usr/bin/python3 models/training/zed/export_zed.py --ckpt data/zed/runs/main/step3000.pt \
        --onnx models/zed/zed-coder.onnx --reference src/core/test/resources/zed \
        --reference-image src/core/test/resources/photos/<a committed photo crop> --accuracy data/zed/accuracy.json

The graph codes ONE pyramid level: input `fine` float32[1,C,H,W] (integers 0..255, H and W even: the image itself
at level 0, round-half-up of the 2x2 average of the level below at level l > 0) and `level` float32[1] (0..3);
it takes the exact 2x2 average of `fine` as the coarse image and returns, per 2x2 block (h = H/2, w = W/2):
  nll      float32[1,3C,h,w]     -log2 p(actual value) of the coded sub-pixels (index = sub-pixel * C + channel;
                                 sub-pixels top-left, top-right, bottom-left; the bottom-right is fixed by the sum)
  mixture  float32[1,3C*3K,h,w]  the predicted mixtures, index ((sub-pixel * C + channel) * 3 + param) * K + k with
                                 param 0 = weight logit, 1 = mean (0..255 scale, G and B already conditioned on the
                                 actual R and G), 2 = log scale
The exact entropy of each predicted distribution over 0..255 is summed in Java over the values where the mixture
has mass (the 256-value sum in a graph was 10x slower); the reference tensors hold the full 256-value entropy
(`entropy`, layout of `nll`) that the Java sum must match.
Receptive field: RF coarse pixels on each side (tiles need that margin to match the whole-image result).
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from zed_model import entropy_bits, nll_bits, split_2x2  # noqa: E402
from train_zed import load  # noqa: E402


def receptive_field(cfg):
    return 1 + 2 * cfg["trunk_blocks"] + 1 + 2 * cfg["step_blocks"]


class LevelGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.m = model

    def forward(self, fine, level, with_entropy=False):
        coarse = F.avg_pool2d(fine, 2)
        lv = torch.ones_like(coarse[:, :1]) * (level.reshape(1, 1, 1, 1) / float(self.m.levels - 1))
        feat = self.m.trunk(torch.cat([coarse / 127.5 - 1.0, lv], 1))
        ys = split_2x2(fine)
        nll, mix, ent = [], [], []
        for i in range(self.m.steps):
            prev = ys[:i] if self.m.subpixel_ctx else []
            p = self.m.params(i, feat, coarse, prev, ys[i])
            nll.append(nll_bits(*p, ys[i]))
            N, C, K, h, w = p[1].shape
            mix.append(torch.stack(p, 2).reshape(N, C * 3 * K, h, w))
            if with_entropy:
                ent.append(entropy_bits(*p))
        if with_entropy:
            return torch.cat(nll, 1), torch.cat(mix, 1), torch.cat(ent, 1)
        return torch.cat(nll, 1), torch.cat(mix, 1)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        h.update(fh.read())
    return h.hexdigest()


def reference(graph, image, out_dir):
    """Input: the central 64x64 of the image (level 0) and its level-1 image; outputs of both, as little-endian
    float32 files with their shapes in reference.json."""
    from PIL import Image
    a = np.asarray(Image.open(image).convert("RGB"), dtype=np.float32)
    h, w = a.shape[:2]
    y, x = (h - 64) // 2, (w - 64) // 2
    fine0 = torch.from_numpy(a[y:y + 64, x:x + 64]).permute(2, 0, 1).unsqueeze(0).contiguous()
    fine1 = torch.floor(F.avg_pool2d(fine0, 2) + 0.5)
    os.makedirs(out_dir, exist_ok=True)
    meta = {"image": os.path.basename(image), "crop": [x, y, 64, 64], "cases": []}
    with torch.no_grad():
        for lv, fine in ((0, fine0), (1, fine1)):
            nll, mix, ent = graph(fine, torch.tensor([float(lv)]), with_entropy=True)
            case = {"level": lv}
            for name, t in (("fine", fine), ("nll", nll), ("mixture", mix), ("entropy", ent)):
                fn = "level%d-%s.f32" % (lv, name)
                t.numpy().astype("<f4").tofile(os.path.join(out_dir, fn))
                case[name] = {"file": fn, "shape": list(t.shape)}
            meta["cases"].append(case)
    with open(os.path.join(out_dir, "reference.json"), "w") as fh:
        json.dump(meta, fh, indent=1)


def manifest_entry(models_dir, onnx_path, cfg, step, accuracy):
    path = os.path.join(models_dir, "manifest.json")
    with open(path) as fh:
        man = json.load(fh)
    C = 1 if cfg["luma"] else 3
    props = {"levels": str(cfg["levels"]), "channels": str(C), "receptiveField": str(receptive_field(cfg)),
             "mixtures": str(cfg["mixtures"]), "features": str(cfg["feats"]), "trainingSteps": str(step)}
    props.update({k: str(v) for k, v in (accuracy or {}).items()})
    entry = {
        "name": "zed-coder",
        "file": os.path.relpath(onnx_path, models_dir),
        "sha256": sha256(onnx_path),
        "kind": "zed.coder",
        "inputs": ["fine: float32[1,%d,H,W] pixel values 0..255 of one pyramid level (H, W even)" % C,
                   "level: float32[1] pyramid level 0..%d" % (cfg["levels"] - 1)],
        "outputs": ["nll: float32[1,%d,H/2,W/2] coding cost in bits (sub-pixel * %d + channel)" % (3 * C, C),
                    "mixture: float32[1,%d,H/2,W/2] logistic mixtures ((sub-pixel * %d + channel) * 3 + param) * K + k, "
                    "param = weight logit, mean, log scale" % (9 * C * cfg["mixtures"], C)],
        "howMade": ("models/training/zed (train_zed.py then export_zed.py, Debian python3-torch on CPU, seed 20261206): "
                    "a multi-resolution lossless coder (SReC-style, ZED arXiv 2409.15875) trained %d steps on the "
                    "TRAINING split of real photographs only (real-camera and gen-vs-real/real, models/training/splits.py) "
                    "with JPEG q70-100 re-saves, 0.5-0.9 downscales and crops; see models/training/zed/README.md") % step,
        "properties": props,
    }
    man["models"] = [m for m in man["models"] if m["name"] != "zed-coder"] + [entry]
    with open(path, "w") as fh:
        json.dump(man, fh, indent=2)
        fh.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--onnx", default="models/zed/zed-coder.onnx")
    ap.add_argument("--reference", default="")
    ap.add_argument("--reference-image", default="")
    ap.add_argument("--accuracy", default="", help="JSON of measured figures for the manifest properties")
    args = ap.parse_args()
    model, cfg = load(args.ckpt)
    step = torch.load(args.ckpt, map_location="cpu")["step"]
    graph = LevelGraph(model).eval()
    C = 1 if cfg["luma"] else 3
    os.makedirs(os.path.dirname(args.onnx), exist_ok=True)
    torch.onnx.export(graph, (torch.zeros(1, C, 32, 32), torch.tensor([0.0])), args.onnx, opset_version=13,
                      input_names=["fine", "level"], output_names=["nll", "mixture"],
                      dynamic_axes={"fine": {2: "H", 3: "W"}, "nll": {2: "h", 3: "w"}, "mixture": {2: "h", 3: "w"}})
    if args.reference:
        reference(graph, args.reference_image, args.reference)
    accuracy = json.load(open(args.accuracy)) if args.accuracy else None
    manifest_entry(os.path.dirname(os.path.dirname(os.path.abspath(args.onnx))), args.onnx, cfg, step, accuracy)
    print("exported", args.onnx, sha256(args.onnx))


if __name__ == "__main__":
    main()
