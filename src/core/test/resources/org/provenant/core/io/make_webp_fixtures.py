#!/usr/bin/python3
"""Makes the two WebP test fixtures (Java has no WebP writer, so these are committed).

Run from this folder with Debian's Python and Pillow (python3-pil, built with libwebp):
    /usr/bin/python3 make_webp_fixtures.py
The pixels follow a formula that WebP/ImageLoaderTest recomputes in Java:
    R = (4x) mod 256, G = (5y) mod 256, B = (x*y) mod 256, for a 64 x 48 image.
"""
from PIL import Image

W, H = 64, 48
img = Image.new("RGB", (W, H))
img.putdata([((4 * x) % 256, (5 * y) % 256, (x * y) % 256) for y in range(H) for x in range(W)])
img.save("pattern-lossless.webp", lossless=True, method=6)
img.save("pattern-lossy.webp", quality=90, method=6)

# Flat one-colour pictures for the degenerate-image tests (issue 14): nothing in them to judge.
Image.new("RGB", (160, 128), (128, 128, 128)).save("flat-grey-lossy.webp", quality=90, method=6)
Image.new("RGBA", (160, 128), (0, 0, 0, 0)).save("flat-transparent-lossless.webp", lossless=True, method=6)
