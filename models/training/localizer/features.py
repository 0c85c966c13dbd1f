"""Input planes of the learned localizer, exactly as the Java side computes them
(org.provenant.ml.localizer.LocalizerInputs):

  0-2  RGB in [0, 1]
  3    the noiseprint (models/noiseprint/noiseprint.onnx; here the same weights in PyTorch), times NOISEPRINT_GAIN
  4-5  JPEG re-save differences at qualities RESAVE_QUALITIES: per pixel the mean over R, G, B of the absolute error
       (8-bit units) of re-quantizing the image's 8x8 block DCT (JFIF YCbCr, grid from the top-left corner, chroma at
       full resolution) with the IJG tables of that quality (org.provenant.core.jpeg.JpegModel.differenceMap(q, 1)),
       divided by RESAVE_SCALE and clipped at 1; 0 outside the full 8x8 blocks.
"""
import numpy as np

RESAVE_QUALITIES = (75, 90)
RESAVE_SCALE = 16.0
NOISEPRINT_GAIN = 0.2  # the step-200 noiseprint has std ~4.5 on the training crops: brings it near the other planes' scale
CHANNELS = 6

LUMA = np.array([16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
                 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
                 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99])
CHROMA = np.array([17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
                   47, 66] + [99] * 38)


def steps(q, chroma):
    scale = 5000 // q if q < 50 else 200 - 2 * q
    base = CHROMA if chroma else LUMA
    return np.clip((base * scale + 50) // 100, 1, 255).astype(np.float32).reshape(8, 8)


def _dct_matrix():
    m = np.zeros((8, 8), np.float64)
    for u in range(8):
        a = np.sqrt(1 / 8) if u == 0 else np.sqrt(2 / 8)
        for x in range(8):
            m[u, x] = a * np.cos((2 * x + 1) * u * np.pi / 16)
    return m.astype(np.float32)


DCT = _dct_matrix()


def resave_difference(rgb01, q):
    """rgb01: float32 [H, W, 3] in [0, 1]; returns float32 [H, W] (8-bit units), 0 outside full blocks."""
    h, w = rgb01.shape[:2]
    bh, bw = h // 8, w // 8
    r, g, b = (rgb01[:bh * 8, :bw * 8, c] for c in range(3))
    ycc = [0.299 * 255 * r + 0.587 * 255 * g + 0.114 * 255 * b - 128,
           -0.168736 * 255 * r - 0.331264 * 255 * g + 0.5 * 255 * b,
           0.5 * 255 * r - 0.418688 * 255 * g - 0.081312 * 255 * b]
    err = []
    for c, plane in enumerate(ycc):
        blocks = plane.reshape(bh, 8, bw, 8).transpose(0, 2, 1, 3).astype(np.float32)
        coef = DCT @ blocks @ DCT.T
        st = steps(q, c > 0)
        e = coef - st * np.floor(coef / st + 0.5)
        px = DCT.T @ e @ DCT
        err.append(px.transpose(0, 2, 1, 3).reshape(bh * 8, bw * 8))
    dy, dcb, dcr = err
    diff = (np.abs(dy + 1.402 * dcr) + np.abs(dy - 0.344136 * dcb - 0.714136 * dcr) + np.abs(dy + 1.772 * dcb)) / 3
    out = np.zeros((h, w), np.float32)
    out[:bh * 8, :bw * 8] = diff
    return out


def input_planes(rgb01, noiseprint):
    """The localizer's [CHANNELS, H, W] input from an RGB image in [0,1] and its noiseprint [H, W]."""
    planes = [rgb01[..., c] for c in range(3)]
    planes.append(noiseprint * NOISEPRINT_GAIN)
    for q in RESAVE_QUALITIES:
        planes.append(np.minimum(resave_difference(rgb01, q) / RESAVE_SCALE, 1.0))
    return np.stack(planes).astype(np.float32)
