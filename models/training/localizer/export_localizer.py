#!/usr/bin/python3
"""Exports a trained localizer checkpoint (train_localizer.py) to ONNX with reference tensors and its manifest entry.

  /usr/bin/python3 models/training/localizer/export_localizer.py data/localizer/final.pt --how "..." --accuracy "..."

Outputs: models/localizer/localizer.onnx (opset 13; input "planes" float32[1,6,H,W], H and W multiples of 8; outputs
"edit_map" float32[1,1,H,W] and "window_edited" float32[1,1]); src/core/test/resources/localizer/reference-planes.f32
(a 64x64 window of input planes built by features.py from the noiseprint reference input: float32 little-endian,
6 x 64 x 64) with reference-map.f32 (64 x 64) and reference-window.f32 (1 value), the PyTorch outputs.
"""
import argparse
import os
import sys

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "noiseprint"))
import features  # noqa: E402
from export_noiseprint import sha256  # noqa: E402
from train_codec import update_manifest  # noqa: E402
from train_localizer import Localizer  # noqa: E402

REF = 64


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("checkpoint")
    ap.add_argument("--out", default="models/localizer/localizer.onnx")
    ap.add_argument("--manifest", default="models/manifest.json")
    ap.add_argument("--ref-dir", default="src/core/test/resources/localizer")
    ap.add_argument("--noiseprint-ref", default="src/core/test/resources/noiseprint")
    ap.add_argument("--how", required=True)
    ap.add_argument("--accuracy", default="")
    a = ap.parse_args()
    ck = torch.load(a.checkpoint)
    net = Localizer(w=tuple(ck["widths"]))
    net.load_state_dict(ck["net"])
    net.eval()
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    torch.onnx.export(net, torch.rand(1, features.CHANNELS, 64, 64), a.out, opset_version=13, input_names=["planes"],
                      output_names=["edit_map", "window_edited"],
                      dynamic_axes={"planes": {2: "H", 3: "W"}, "edit_map": {2: "H", 3: "W"}}, do_constant_folding=True)
    # reference planes: the noiseprint reference input (8-bit RGB) and its reference noiseprint, top-left REF square
    rgb = np.asarray(Image.open(os.path.join(a.noiseprint_ref, "reference-input.png")).convert("RGB"), np.float32) / 255
    npr = np.fromfile(os.path.join(a.noiseprint_ref, "reference-output.f32"), "<f4").reshape(rgb.shape[:2])
    planes = features.input_planes(rgb[:REF, :REF], npr[:REF, :REF])
    with torch.no_grad():
        m, d = net(torch.from_numpy(planes)[None])
    os.makedirs(a.ref_dir, exist_ok=True)
    planes.astype("<f4").tofile(os.path.join(a.ref_dir, "reference-planes.f32"))
    m[0, 0].numpy().astype("<f4").tofile(os.path.join(a.ref_dir, "reference-map.f32"))
    d[0].numpy().astype("<f4").tofile(os.path.join(a.ref_dir, "reference-window.f32"))
    with open(os.path.join(a.ref_dir, "README.md"), "w") as f:
        f.write(f"Reference tensors of models/localizer/localizer.onnx, written by "
                f"models/training/localizer/export_localizer.py: `reference-planes.f32` holds the {features.CHANNELS} input "
                f"planes (features.py) of the top-left {REF}x{REF} pixels of ../noiseprint/reference-input.png with its "
                f"reference noiseprint (float32 little-endian, {features.CHANNELS} x {REF} x {REF}); `reference-map.f32` "
                f"({REF} x {REF}) and `reference-window.f32` (1 value) are the PyTorch outputs.\n")
    entry = {
        "name": "localizer",
        "file": os.path.relpath(a.out, os.path.dirname(a.manifest)),
        "sha256": sha256(a.out),
        "kind": "localizer.unet",
        "inputs": [f"planes: float32[1,{features.CHANNELS},H,W], H and W multiples of 8: R, G, B in [0,1]; the noiseprint"
                   f" (model noiseprint) x {features.NOISEPRINT_GAIN}; JPEG re-save differences at q"
                   f" {', '.join(map(str, features.RESAVE_QUALITIES))} (8-bit units) / {features.RESAVE_SCALE}, clipped at 1"],
        "outputs": ["edit_map: float32[1,1,H,W] per-pixel probability of an edit",
                    "window_edited: float32[1,1] probability that the window holds an edit"],
        "howMade": a.how,
        "properties": {
            "input": "planes",
            "mapOutput": "edit_map",
            "windowOutput": "window_edited",
            "widths": ",".join(map(str, ck["widths"])),
            "steps": str(ck["step"]),
            "noiseprintSha256": sha256(os.path.join(os.path.dirname(a.manifest), "noiseprint", "noiseprint.onnx")),
            "accuracy": a.accuracy,
        },
    }
    update_manifest(a.manifest, [entry])
    print(f"exported {a.out} ({entry['sha256'][:12]}), reference tensors in {a.ref_dir}")


if __name__ == "__main__":
    main()
