#!/usr/bin/python3
"""Writes the small test fixtures of the noiseprint and localizer indicators (src/core/test/resources/noiseprint/)
from two HELD-OUT camera photos of drewnoakes/metadata-extractor-images (README: "You are free to use these media
files however you wish"):

  splice.png, splice.mask.png  a 384x384 crop of HOST with a 144x144 square of DONOR (another camera model) pasted
                               at an offset off the 8x8 grid (lossless PNG, so both cameras' traces stay)
  camera.jpg                   CAMERA, byte for byte: an untouched camera JPEG

  /usr/bin/python3 models/training/noiseprint/make_fixtures.py
"""
import os
import shutil
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import splits  # noqa: E402

PHOTOS = "datasets/real-camera/photos/"
HOST = "0083__Canon-PowerShot-A610__drewnoakes-metadata-extractor-images__Canon-PowerShot-A610.jpg"
DONOR = "0091__Canon-PowerShot-SD600__drewnoakes-metadata-extractor-images__Canon-PowerShot-SD600.jpg"
CAMERA = "0079__Canon-DIGITAL-IXUS-v2__drewnoakes-metadata-extractor-images__Canon-IXUS-v2.jpg"
SIZE, SQUARE, AT = 384, 144, (123, 141)  # paste position (x, y): not multiples of 8


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PROVENANT_SHARED", "../shared")
    out = sys.argv[2] if len(sys.argv) > 2 else "src/core/test/resources/noiseprint"
    held = {r["file"].split("/")[-1] for r in splits.real_camera_rows(shared) if r["split"] == "held-out"}
    assert {HOST, DONOR, CAMERA} <= held, "fixtures must come from HELD-OUT photos"
    host = np.asarray(Image.open(os.path.join(shared, PHOTOS, HOST)).convert("RGB"))
    donor = np.asarray(Image.open(os.path.join(shared, PHOTOS, DONOR)).convert("RGB"))
    y0, x0 = (host.shape[0] - SIZE) // 2 // 16 * 16, (host.shape[1] - SIZE) // 2 // 16 * 16
    img = host[y0:y0 + SIZE, x0:x0 + SIZE].copy()
    dy, dx = (donor.shape[0] - SQUARE) // 2, (donor.shape[1] - SQUARE) // 2
    x, y = AT
    img[y:y + SQUARE, x:x + SQUARE] = donor[dy:dy + SQUARE, dx:dx + SQUARE]
    mask = np.zeros((SIZE, SIZE), np.uint8)
    mask[y:y + SQUARE, x:x + SQUARE] = 255
    os.makedirs(out, exist_ok=True)
    Image.fromarray(img).save(os.path.join(out, "splice.png"), optimize=True)
    Image.fromarray(mask).save(os.path.join(out, "splice.mask.png"), optimize=True)
    shutil.copyfile(os.path.join(shared, PHOTOS, CAMERA), os.path.join(out, "camera.jpg"))
    with open(os.path.join(out, "FIXTURES.md"), "w") as f:
        f.write(f"Made by models/training/noiseprint/make_fixtures.py from held-out photos of ../shared/datasets/real-camera"
                f" (repository drewnoakes/metadata-extractor-images, README: \"You are free to use these media files however"
                f" you wish.\"): `splice.png` = {SIZE}x{SIZE} centre crop of `{HOST}` with the central {SQUARE}x{SQUARE}"
                f" pixels of `{DONOR}` pasted at x={x}, y={y} (off the 8x8 grid), lossless; `splice.mask.png` marks the"
                f" pasted square (255); `camera.jpg` is `{CAMERA}` byte for byte.\n")
    print("fixtures written to", out)


if __name__ == "__main__":
    main()
