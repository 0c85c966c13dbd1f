#!/usr/bin/python3
"""Exports a trained noiseprint checkpoint (train_noiseprint.py) to ONNX, writes the reference tensors the Java test
compares against, and writes the manifest entry.

  /usr/bin/python3 models/training/noiseprint/export_noiseprint.py data/noiseprint/final.pt \
      --how "..." --accuracy "..."

Outputs: models/noiseprint/noiseprint.onnx (opset 13; input "image" float32[1,3,H,W] RGB in [0,1], any H and W;
output "noiseprint" float32[1,1,H,W]); src/core/test/resources/noiseprint/reference-input.png (an 8-bit RGB crop of
a HELD-OUT camera photo, so the input is exact) and reference-output.f32 (the network's output in PyTorch, float32
little-endian, row-major H x W).
"""
import argparse
import hashlib
import os
import sys

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
import splits  # noqa: E402
from train_codec import update_manifest  # noqa: E402
from train_noiseprint import Noiseprint, load_crop  # noqa: E402

REF_SIZE = 96
REF_REPO = "drewnoakes/metadata-extractor-images"


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("checkpoint")
    ap.add_argument("--shared", default=os.environ.get("PROVENANT_SHARED", "../shared"))
    ap.add_argument("--out", default="models/noiseprint/noiseprint.onnx")
    ap.add_argument("--manifest", default="models/manifest.json")
    ap.add_argument("--ref-dir", default="src/core/test/resources/noiseprint")
    ap.add_argument("--how", required=True, help="the training command and the steps it reached")
    ap.add_argument("--accuracy", default="", help="measured figures (check_noiseprint.py) for the manifest")
    a = ap.parse_args()
    ck = torch.load(a.checkpoint)
    net = Noiseprint(ck["channels"], ck["layers"])
    net.load_state_dict(ck["net"])
    net.eval()
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    torch.onnx.export(net, torch.rand(1, 3, 64, 64), a.out, opset_version=13, input_names=["image"],
                      output_names=["noiseprint"], dynamic_axes={"image": {2: "H", 3: "W"}, "noiseprint": {2: "H", 3: "W"}},
                      do_constant_folding=True)
    # reference: the first held-out photo of REF_REPO (its README: free to use), top-left REF_SIZE square (exact input)
    row = sorted((r for r in splits.real_camera_rows(a.shared) if r["split"] == "held-out" and r["repo"] == REF_REPO),
                 key=lambda r: r["file"])[0]
    crop = load_crop(os.path.join(a.shared, "datasets", "real-camera", row["file"]))[:REF_SIZE, :REF_SIZE]
    os.makedirs(a.ref_dir, exist_ok=True)
    Image.fromarray(crop).save(os.path.join(a.ref_dir, "reference-input.png"))
    with torch.no_grad():
        out = net(torch.from_numpy(crop.copy()).permute(2, 0, 1)[None].float() / 255.0)[0, 0].numpy()
    out.astype("<f4").tofile(os.path.join(a.ref_dir, "reference-output.f32"))
    with open(os.path.join(a.ref_dir, "README.md"), "w") as f:
        f.write(f"Reference tensors of models/noiseprint/noiseprint.onnx, written by "
                f"models/training/noiseprint/export_noiseprint.py: `reference-input.png` is the top-left "
                f"{REF_SIZE}x{REF_SIZE} pixels of the held-out camera photo `{row['file']}` of "
                f"../shared/datasets/real-camera ({row['make']} {row['model']}, repository {row['repo']}, licence: "
                f"{row['licence']}); `reference-output.f32` is the PyTorch output for it (float32 little-endian, "
                f"{REF_SIZE}x{REF_SIZE}, row-major).\n")
    entry = {
        "name": "noiseprint",
        "file": os.path.relpath(a.out, os.path.dirname(a.manifest)),
        "sha256": sha256(a.out),
        "kind": "noiseprint.extractor",
        "inputs": ["image: float32[1,3,H,W] RGB in [0,1] at the image's own resolution (any H, W)"],
        "outputs": ["noiseprint: float32[1,1,H,W] camera-noise residual (same size)"],
        "howMade": a.how,
        "properties": {
            "input": "image",
            "output": "noiseprint",
            "channels": str(ck["channels"]),
            "layers": str(ck["layers"]),
            "receptiveRadius": str(ck["layers"]),
            "steps": str(ck["step"]),
            "accuracy": a.accuracy,
        },
    }
    update_manifest(a.manifest, [entry])
    print(f"exported {a.out} ({entry['sha256'][:12]}), reference tensors in {a.ref_dir}, manifest {a.manifest}")


if __name__ == "__main__":
    main()
