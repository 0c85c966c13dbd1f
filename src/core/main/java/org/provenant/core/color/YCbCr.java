package org.provenant.core.color;

import org.provenant.core.image.FloatImage;

/**
 * BT.601 full-range RGB <-> YCbCr (the JPEG/JFIF matrix, as in JPEG AI's pre-processing), on [0, 1] floats:
 * Y in [0, 1], Cb and Cr centred on 0.5. And 4:2:0 chroma subsampling: 2x2 box average down, bilinear
 * (centre-aligned) up, as a codec's pre- and post-processing would do.
 */
public final class YCbCr {
    private YCbCr() { }

    public static FloatImage fromRgb(FloatImage rgb) {
        FloatImage in = rgb.toRgb();
        int n = in.pixels();
        float[] r = in.plane(0), g = in.plane(1), b = in.plane(2);
        float[] y = new float[n], cb = new float[n], cr = new float[n];
        for (int i = 0; i < n; i++) {
            float R = r[i], G = g[i], B = b[i];
            y[i] = 0.299f * R + 0.587f * G + 0.114f * B;
            cb[i] = -0.168736f * R - 0.331264f * G + 0.5f * B + 0.5f;
            cr[i] = 0.5f * R - 0.418688f * G - 0.081312f * B + 0.5f;
        }
        return new FloatImage(in.width(), in.height(), new float[][]{y, cb, cr});
    }

    public static FloatImage toRgb(FloatImage ycc) {
        int n = ycc.pixels();
        float[] y = ycc.plane(0), cb = ycc.plane(1), cr = ycc.plane(2);
        float[] r = new float[n], g = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            float Y = y[i], Cb = cb[i] - 0.5f, Cr = cr[i] - 0.5f;
            r[i] = Y + 1.402f * Cr;
            g[i] = Y - 0.344136f * Cb - 0.714136f * Cr;
            b[i] = Y + 1.772f * Cb;
        }
        return new FloatImage(ycc.width(), ycc.height(), new float[][]{r, g, b});
    }

    /** 2x2 box-average downsampling of one plane; odd edges repeat the last row/column. */
    public static float[] downsample2(float[] p, int w, int h) {
        int w2 = (w + 1) / 2, h2 = (h + 1) / 2;
        float[] out = new float[w2 * h2];
        for (int y = 0; y < h2; y++) {
            int y0 = 2 * y, y1 = Math.min(h - 1, 2 * y + 1);
            for (int x = 0; x < w2; x++) {
                int x0 = 2 * x, x1 = Math.min(w - 1, 2 * x + 1);
                out[y * w2 + x] = 0.25f * (p[y0 * w + x0] + p[y0 * w + x1] + p[y1 * w + x0] + p[y1 * w + x1]);
            }
        }
        return out;
    }

    /** Bilinear upsampling by 2 (chroma sample centres between luma pairs) back to w x h. */
    public static float[] upsample2(float[] p, int w2, int h2, int w, int h) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double sy = (y + 0.5) / 2.0 - 0.5;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            int ya = clamp(y0, h2), yb = clamp(y0 + 1, h2);
            for (int x = 0; x < w; x++) {
                double sx = (x + 0.5) / 2.0 - 0.5;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                int xa = clamp(x0, w2), xb = clamp(x0 + 1, w2);
                double top = p[ya * w2 + xa] * (1 - fx) + p[ya * w2 + xb] * fx;
                double bot = p[yb * w2 + xa] * (1 - fx) + p[yb * w2 + xb] * fx;
                out[y * w + x] = (float) (top * (1 - fy) + bot * fy);
            }
        }
        return out;
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(n - 1, v);
    }

    /**
     * JPEG AI-style pre-processing without the network: RGB -> YCbCr -> chroma 4:2:0 -> back up -> RGB.
     * Raises the correlation of the colour channels' high-frequency residuals (cue 1 of arXiv 2504.03191).
     */
    public static FloatImage roundTrip420(FloatImage rgb) {
        FloatImage ycc = fromRgb(rgb);
        int w = ycc.width(), h = ycc.height(), w2 = (w + 1) / 2, h2 = (h + 1) / 2;
        float[] cb = upsample2(downsample2(ycc.plane(1), w, h), w2, h2, w, h);
        float[] cr = upsample2(downsample2(ycc.plane(2), w, h), w2, h2, w, h);
        return toRgb(new FloatImage(w, h, new float[][]{ycc.plane(0), cb, cr}));
    }
}
