package org.provenant.ml.codec;

/**
 * The glue around the JPEG AI verification-model networks that the ONNX graphs do not contain, as pure
 * functions on planes (row-major float arrays). Each fact here was checked against the reference tensors of
 * the verification model (see models/README.md, "JPEG AI") or, where the graphs leave a choice, measured.
 */
final class JpegAiGlue {
    /** BT.709 luma weights. */
    static final double KR = 0.2126, KB = 0.0722, KG = 1 - KR - KB;
    /** Chroma offset on the 0..255 scale (the dump's saturated pixels land exactly on 0 and 255 with it). */
    static final double CHROMA_OFFSET = 127.5;
    /** Smallest Gaussian scale of the rate estimate (as CompressAI's lower bound); sigma = max(|s|, this). */
    static final double SIGMA_MIN = 0.11;
    /** Smallest probability of one symbol in the rate estimate (caps one symbol at about 30 bits). */
    static final double P_MIN = 1e-9;

    private JpegAiGlue() { }

    /** RGB planes on [0,1] to Y, Cb, Cr planes on 0..255 (BT.709 full range, chroma centred on 127.5). */
    static float[][] rgbToYcc(float[] r, float[] g, float[] b) {
        int n = r.length;
        float[][] out = new float[3][n];
        for (int i = 0; i < n; i++) {
            double R = 255.0 * r[i], G = 255.0 * g[i], B = 255.0 * b[i];
            double y = KR * R + KG * G + KB * B;
            out[0][i] = (float) y;
            out[1][i] = (float) ((B - y) / (2 * (1 - KB)) + CHROMA_OFFSET);
            out[2][i] = (float) ((R - y) / (2 * (1 - KR)) + CHROMA_OFFSET);
        }
        return out;
    }

    /** The inverse of {@link #rgbToYcc}: RGB planes on [0,1], clamped. */
    static float[][] yccToRgb(float[] y, float[] cb, float[] cr) {
        int n = y.length;
        float[][] out = new float[3][n];
        for (int i = 0; i < n; i++) {
            double Y = y[i], u = cb[i] - CHROMA_OFFSET, v = cr[i] - CHROMA_OFFSET;
            double R = Y + 2 * (1 - KR) * v, B = Y + 2 * (1 - KB) * u;
            double G = (Y - KR * R - KB * B) / KG;
            out[0][i] = clamp01(R / 255);
            out[1][i] = clamp01(G / 255);
            out[2][i] = clamp01(B / 255);
        }
        return out;
    }

    private static float clamp01(double v) {
        return (float) Math.min(1, Math.max(0, v));
    }

    /** 2x2 mean of a w x h plane (odd sizes: the last row/column repeated), giving ceil(w/2) x ceil(h/2). */
    static float[] half(float[] p, int w, int h) {
        int w2 = (w + 1) / 2, h2 = (h + 1) / 2;
        float[] out = new float[w2 * h2];
        for (int y = 0; y < h2; y++) {
            int y0 = 2 * y, y1 = Math.min(2 * y + 1, h - 1);
            for (int x = 0; x < w2; x++) {
                int x0 = 2 * x, x1 = Math.min(2 * x + 1, w - 1);
                out[y * w2 + x] = 0.25f * (p[y0 * w + x0] + p[y0 * w + x1] + p[y1 * w + x0] + p[y1 * w + x1]);
            }
        }
        return out;
    }

    /** Every second pixel from (0, 0) of a w x h plane (the alternative to {@link #half}; measured worse). */
    static float[] subsample(float[] p, int w, int h) {
        int w2 = (w + 1) / 2, h2 = (h + 1) / 2;
        float[] out = new float[w2 * h2];
        for (int y = 0; y < h2; y++) for (int x = 0; x < w2; x++) out[y * w2 + x] = p[2 * y * w + 2 * x];
        return out;
    }

    /** Pixel-repeating 2x upsampling of a plane of width w2 to ow x oh (the alternative to {@link #double2}). */
    static float[] nearest2(float[] p, int w2, int ow, int oh) {
        float[] out = new float[ow * oh];
        for (int y = 0; y < oh; y++) for (int x = 0; x < ow; x++) out[y * ow + x] = p[y / 2 * w2 + x / 2];
        return out;
    }

    /** Bilinear 2x upsampling (pixel centres aligned, edges clamped) of a w x h plane to exactly ow x oh. */
    static float[] double2(float[] p, int w, int h, int ow, int oh) {
        float[] out = new float[ow * oh];
        for (int y = 0; y < oh; y++) {
            double sy = Math.min(h - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
            int y0 = (int) Math.floor(sy), y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < ow; x++) {
                double sx = Math.min(w - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
                int x0 = (int) Math.floor(sx), x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double top = p[y0 * w + x0] * (1 - fx) + p[y0 * w + x1] * fx;
                double bot = p[y1 * w + x0] * (1 - fx) + p[y1 * w + x1] * fx;
                out[y * ow + x] = (float) (top * (1 - fy) + bot * fy);
            }
        }
        return out;
    }

    /** The sw x sh window of a w x h plane at (x0, y0), outside the plane edge-replicated. */
    static float[] window(float[] p, int w, int h, int x0, int y0, int sw, int sh) {
        float[] out = new float[sw * sh];
        for (int y = 0; y < sh; y++) {
            int sy = Math.min(y0 + y, h - 1);
            for (int x = 0; x < sw; x++) out[y * sw + x] = p[sy * w + Math.min(x0 + x, w - 1)];
        }
        return out;
    }

    /**
     * Depth-to-space of a decoder output [planes*16, h, w]: plane k's pixel (row, col) is channel
     * k*16 + (row % 4)*4 + (col % 4) at (row / 4, col / 4), mapped to 0..255 by v * 128 + 127.5.
     */
    static float[][] depthToSpace(Latents out, int planes) {
        int h = out.height(), w = out.width(), W = 4 * w;
        if (out.channels() != 16 * planes) throw new IllegalArgumentException(out + " is not " + planes + " planes of 4x4");
        float[][] res = new float[planes][16 * h * w];
        for (int k = 0; k < planes; k++)
            for (int row = 0; row < 4 * h; row++)
                for (int col = 0; col < W; col++)
                    res[k][row * W + col] = out.get(k * 16 + (row % 4) * 4 + (col % 4), row / 4, col / 4) * 128f + 127.5f;
        return res;
    }

    /**
     * The chroma decoder's 192-channel input: the 128-channel luma latent subsampled at stride 2 from (0, 0),
     * first, then the 64-channel chroma latent (both at the chroma latent's size).
     */
    static Latents chromaDecoderInput(Latents luma, Latents chroma) {
        int h = chroma.height(), w = chroma.width();
        if (luma.height() != 2 * h || luma.width() != 2 * w)
            throw new IllegalArgumentException(luma + " is not twice the size of " + chroma);
        int cl = luma.channels(), cc = chroma.channels();
        float[] d = new float[(cl + cc) * h * w];
        for (int c = 0; c < cl; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) d[(c * h + y) * w + x] = luma.get(c, 2 * y, 2 * x);
        System.arraycopy(chroma.data(), 0, d, cl * h * w, cc * h * w);
        return new Latents(cl + cc, h, w, d);
    }

    /** y_hat = mu + step * round((y - mu) / step): quantization around the hyperprior mean. */
    static Latents quantize(Latents y, Latents mu, double step) {
        float[] q = new float[y.data().length];
        for (int i = 0; i < q.length; i++) q[i] = (float) (mu.data()[i] + step * Math.rint((y.data()[i] - mu.data()[i]) / step));
        return new Latents(y.channels(), y.height(), y.width(), q);
    }

    /** (y - mu) / step: the latents on the quantization grid (the codec stores these rounded). */
    static Latents onGrid(Latents y, Latents mu, double step) {
        float[] q = new float[y.data().length];
        for (int i = 0; i < q.length; i++) q[i] = (float) ((y.data()[i] - mu.data()[i]) / step);
        return new Latents(y.channels(), y.height(), y.width(), q);
    }

    /**
     * Ideal code length in bits of y_hat under the Gaussian N(mu, sigma), sigma = max(|s|, SIGMA_MIN), each
     * symbol's probability the mass of its quantization bin [y_hat - step/2, y_hat + step/2], counted over the
     * latent positions (row, col) with row < rows and col < cols (the part that covers the image).
     */
    static double gaussianBits(Latents yHat, Latents mu, Latents s, double step, int rows, int cols) {
        double bits = 0;
        int h = yHat.height(), w = yHat.width();
        for (int c = 0; c < yHat.channels(); c++)
            for (int y = 0; y < Math.min(rows, h); y++)
                for (int x = 0; x < Math.min(cols, w); x++) {
                    int i = (c * h + y) * w + x;
                    double sigma = Math.max(Math.abs(s.data()[i]), SIGMA_MIN);
                    double d = yHat.data()[i] - mu.data()[i];
                    double p = phi((d + step / 2) / sigma) - phi((d - step / 2) / sigma);
                    bits -= Math.log(Math.max(p, P_MIN));
                }
        return bits / Math.log(2);
    }

    /**
     * Estimated code length of the rounded hyper-latent z_hat (its entropy model is not in the graphs): per
     * channel a zero-mean discrete Laplace law whose scale is the channel's mean |z_hat| over the counted
     * positions (floored at 0.05), as an adaptive coder would learn it; the few parameters are not counted.
     */
    static double hyperBits(Latents zHat, int rows, int cols) {
        double bits = 0;
        int h = zHat.height(), w = zHat.width(), rr = Math.min(rows, h), cc = Math.min(cols, w);
        for (int c = 0; c < zHat.channels(); c++) {
            double sum = 0;
            for (int y = 0; y < rr; y++) for (int x = 0; x < cc; x++) sum += Math.abs(zHat.get(c, y, x));
            double b = Math.max(0.05, sum / (rr * cc));
            for (int y = 0; y < rr; y++)
                for (int x = 0; x < cc; x++) {
                    double v = Math.abs(zHat.get(c, y, x));
                    double p = laplaceCdf(v + 0.5, b) - laplaceCdf(v - 0.5, b);
                    bits -= Math.log(Math.max(p, P_MIN));
                }
        }
        return bits / Math.log(2);
    }

    private static double laplaceCdf(double x, double b) {
        return x < 0 ? 0.5 * Math.exp(x / b) : 1 - 0.5 * Math.exp(-x / b);
    }

    /** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, relative error under 1.2e-7, tails included). */
    static double phi(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Rounds every value to the nearest integer. */
    static Latents round(Latents z) {
        return z.rounded();
    }
}
