#!/usr/bin/python3
"""Central crops of camera photos and their classic-codec versions, for the neural-codec false-alarm check.

    /usr/bin/python3 models/training/classic_variants.py HELDOUT_DIR OUT_DIR

For each colour photo: the central 512x512 (smaller sides kept) as PNG (name.png), as JPEG at qualities 95, 75
and 50 with 4:2:0 chroma (Pillow, name-jpegQ.jpg), as WebP q80 (cwebp, decoded by dwebp: name-webp80.png) and as
AVIF at quantizer 24-32 (avifenc, decoded by avifdec: name-avif.png). Debian's python3-skimage stack
(numpy, imageio, Pillow) and the webp and libavif-bin packages.
"""
import os, subprocess, sys, tempfile
import numpy as np
from PIL import Image

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
tmp = tempfile.mkdtemp()
for name in sorted(os.listdir(src)):
    im = Image.open(os.path.join(src, name))
    if im.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        continue
    a = np.asarray(im.convert("RGB"))
    if a.shape[2] == 3 and np.all(a[..., 0] == a[..., 1]) and np.all(a[..., 1] == a[..., 2]):
        continue  # grey stored as RGB
    h, w = a.shape[:2]
    s = 512
    y0, x0 = max(0, (h - s) // 2), max(0, (w - s) // 2)
    crop = Image.fromarray(a[y0:y0 + s, x0:x0 + s])
    base = os.path.join(dst, os.path.splitext(name)[0])
    crop.save(base + ".png")
    for q in (95, 75, 50):
        crop.save("%s-jpeg%d.jpg" % (base, q), quality=q, subsampling=2)
    webp, avif = os.path.join(tmp, "x.webp"), os.path.join(tmp, "x.avif")
    subprocess.run(["cwebp", "-quiet", "-q", "80", base + ".png", "-o", webp], check=True)
    subprocess.run(["dwebp", "-quiet", webp, "-o", base + "-webp80.png"], check=True)
    subprocess.run(["avifenc", "--min", "24", "--max", "32", base + ".png", avif], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["avifdec", avif, base + "-avif.png"], check=True, stdout=subprocess.DEVNULL)
print(len(os.listdir(dst)), "files in", dst)
