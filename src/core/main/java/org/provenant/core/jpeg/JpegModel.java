package org.provenant.core.jpeg;

import org.provenant.core.filter.Parallel;
import org.provenant.core.image.FloatImage;

/**
 * A model of baseline JPEG re-compression, fast enough to sweep many qualities on a 12 MP photo: the image is
 * converted to JFIF YCbCr (full range, 8-bit units), cut into the 8x8 block grid that starts at the top-left corner,
 * and transformed once with the orthonormal 2-D DCT (which is JPEG's DCT); re-saving at quality q is then the
 * rounding of every coefficient to a multiple of the IJG quantization step of q ({@link #step}). Because the DCT is
 * orthonormal, the squared error of a block in the DCT domain equals its squared error in pixels (Parseval), so
 * the error of a re-save needs no inverse transform.
 *
 * <p>What it leaves out, on purpose: chroma subsampling (chroma is quantized at full resolution, 4:4:4), the final
 * rounding and clipping of the decoder, and the entropy coder (lossless). Only full 8x8 blocks are modelled; the
 * right and bottom remainder (under 8 pixels) has no value.
 */
public final class JpegModel {
    /** Annex K luminance table, natural (row-major) order. */
    static final int[] LUMA = {
            16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
            14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
            49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    /** Annex K chrominance table. */
    static final int[] CHROMA = {
            17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
            47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
            99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
    private static final float[] COS = new float[64];

    static {
        for (int u = 0; u < 8; u++) {
            double a = u == 0 ? Math.sqrt(1.0 / 8) : Math.sqrt(2.0 / 8);
            for (int x = 0; x < 8; x++) COS[u * 8 + x] = (float) (a * Math.cos((2 * x + 1) * u * Math.PI / 16));
        }
    }

    private final FloatImage image;
    private final int blocksX, blocksY;
    /**
     * Per channel (Y, Cb, Cr; Y only for grey), per block row-major, 64 coefficients in natural order; each channel
     * is transformed the first time it is asked for (the ghosts need luma only).
     */
    private final float[][] coefficients;

    private JpegModel(FloatImage image) {
        this.image = image;
        this.blocksX = image.width() / 8;
        this.blocksY = image.height() / 8;
        this.coefficients = new float[image.channels() >= 3 ? 3 : 1][];
    }

    /** True when the image has at least one full 8x8 block. */
    public static boolean fits(FloatImage image) {
        return image.width() >= 8 && image.height() >= 8;
    }

    /** The model of an image (values in [0, 1]); colour images in YCbCr, grey ones as luma only. */
    public static JpegModel of(FloatImage image) {
        if (!fits(image)) throw new IllegalArgumentException("image " + image.width() + "x" + image.height() + " has no full 8x8 block");
        return new JpegModel(image);
    }

    /** Transforms channel c (0 = Y, 1 = Cb, 2 = Cr) of every full block. */
    private float[] transform(int c) {
        int w = image.width(), bx = blocksX;
        boolean colour = image.channels() >= 3;
        float[] out = new float[bx * blocksY * 64];
        float[] r = image.plane(0), g = colour ? image.plane(1) : null, b = colour ? image.plane(2) : null;
        // JFIF full-range weights of this channel, in 8-bit units; luma level-shifted by 128
        float[] k = !colour ? new float[]{255, 0, 0} : c == 0 ? new float[]{0.299f * 255, 0.587f * 255, 0.114f * 255}
                : c == 1 ? new float[]{-0.168736f * 255, -0.331264f * 255, 0.5f * 255}
                : new float[]{0.5f * 255, -0.418688f * 255, -0.081312f * 255};
        float shift = c == 0 ? -128 : 0;
        Parallel.forEach(blocksY, row -> {
            float[] px = new float[64], tmp = new float[64];
            for (int bl = 0; bl < bx; bl++) {
                for (int y = 0; y < 8; y++) {
                    int o = (row * 8 + y) * w + bl * 8;
                    for (int x = 0; x < 8; x++) {
                        int i = o + x;
                        px[y * 8 + x] = colour ? k[0] * r[i] + k[1] * g[i] + k[2] * b[i] + shift : k[0] * r[i] + shift;
                    }
                }
                forward(px, tmp, out, (row * bx + bl) * 64);
            }
        });
        return out;
    }

    public int blocksX() { return blocksX; }
    public int blocksY() { return blocksY; }
    public int channels() { return coefficients.length; }

    /** The coefficients of channel c (0 = Y, 1 = Cb, 2 = Cr): block-major, 64 per block; callers must not modify them. */
    public synchronized float[] coefficients(int c) {
        if (coefficients[c] == null) coefficients[c] = transform(c);
        return coefficients[c];
    }

    /** IJG quantization step of coefficient k (natural order) at quality 1..100 for luma or chroma. */
    public static int step(int k, int quality, boolean chroma) {
        int q = Math.max(1, Math.min(100, quality));
        int scale = q < 50 ? 5000 / q : 200 - 2 * q;
        int base = (chroma ? CHROMA : LUMA)[k];
        return Math.max(1, Math.min(255, (base * scale + 50) / 100));
    }

    /** The 64 steps of a quality, luma (chroma = false) or chroma. */
    public static float[] steps(int quality, boolean chroma) {
        float[] s = new float[64];
        for (int k = 0; k < 64; k++) s[k] = step(k, quality, chroma);
        return s;
    }

    /**
     * Mean squared error per pixel (8-bit units squared) of each block when channel {@code c} is re-quantized at
     * {@code quality}, and the same error a block of never-compressed content would show: per coefficient
     * min(c^2, step^2 / 12) (the rounding error of a uniformly spread value, or the whole coefficient when it
     * rounds to zero).
     *
     * @return {error[blocks], freshError[blocks]}
     */
    public float[][] requantizationError(int c, int quality) {
        float[] s = steps(quality, c > 0);
        float[] fresh = new float[64];
        for (int k = 0; k < 64; k++) fresh[k] = s[k] * s[k] / 12f;
        float[] coef = coefficients(c);
        float[] inv = new float[64];
        for (int k = 0; k < 64; k++) inv[k] = 1f / s[k];
        int n = blocksX * blocksY;
        float[] err = new float[n], exp = new float[n];
        Parallel.forEach(blocksY, row -> {
            for (int b = row * blocksX; b < (row + 1) * blocksX; b++) {
                int o = b * 64;
                float e = 0, f = 0;
                for (int k = 0; k < 64; k++) {
                    float v = coef[o + k];
                    float d = v - s[k] * (float) Math.floor(v * inv[k] + 0.5); // Math.round's value, JIT-friendly
                    e += d * d;
                    f += Math.min(v * v, fresh[k]);
                }
                err[b] = e / 64;
                exp[b] = f / 64;
            }
        });
        return new float[][]{err, exp};
    }

    /** AC energy per pixel of each block of channel c (8-bit units squared): how much texture it holds. */
    public float[] acEnergy(int c) {
        float[] coef = coefficients(c);
        float[] out = new float[blocksX * blocksY];
        for (int b = 0; b < out.length; b++) {
            float e = 0;
            for (int k = 1; k < 64; k++) e += coef[b * 64 + k] * coef[b * 64 + k];
            out[b] = e / 64;
        }
        return out;
    }

    /**
     * The pixel difference of a re-save at {@code quality}, averaged over cells of {@code cell} x {@code cell} pixels
     * (cell divides 8: 1, 2, 4 or 8): per pixel the mean over channels of the absolute error in RGB (8-bit units).
     * The map is ceil(width / cell) x ceil(height / cell); cells outside the full blocks are NaN.
     */
    public float[] differenceMap(int quality, int cell) {
        if (8 % cell != 0) throw new IllegalArgumentException("cell must divide 8");
        int mw = (image.width() + cell - 1) / cell, mh = (image.height() + cell - 1) / cell, per = 8 / cell;
        float[] out = new float[mw * mh];
        java.util.Arrays.fill(out, Float.NaN);
        float[][] s = {steps(quality, false), steps(quality, true)};
        int ch = coefficients.length;
        float[][] coef = new float[ch][];
        for (int c = 0; c < ch; c++) coef[c] = coefficients(c);
        float norm = 1f / (cell * cell);
        Parallel.forEach(blocksY, row -> {
            float[] e = new float[64], tmp = new float[64];
            float[][] px = new float[ch][64];
            for (int b = 0; b < blocksX; b++) {
                int base = (row * blocksX + b) * 64;
                for (int c = 0; c < ch; c++) {
                    float[] st = s[c == 0 ? 0 : 1];
                    for (int k = 0; k < 64; k++) {
                        float v = coef[c][base + k];
                        e[k] = v - st[k] * (float) Math.floor(v / st[k] + 0.5);
                    }
                    inverse(e, tmp, px[c]);
                }
                for (int cy = 0; cy < per; cy++) {
                    for (int cx = 0; cx < per; cx++) {
                        float acc = 0;
                        for (int y = cy * cell; y < (cy + 1) * cell; y++) {
                            for (int x = cx * cell; x < (cx + 1) * cell; x++) {
                                int k = y * 8 + x;
                                if (ch == 1) {
                                    acc += Math.abs(px[0][k]);
                                } else {
                                    float dy = px[0][k], dcb = px[1][k], dcr = px[2][k];
                                    acc += (Math.abs(dy + 1.402f * dcr) + Math.abs(dy - 0.344136f * dcb - 0.714136f * dcr)
                                            + Math.abs(dy + 1.772f * dcb)) / 3;
                                }
                            }
                        }
                        out[(row * per + cy) * mw + b * per + cx] = acc * norm;
                    }
                }
            }
        });
        return out;
    }

    /** The orthonormal 8x8 DCT (JPEG's) of px (row-major, 64 values) into out[base..base+64); tmp holds 64 values. */
    public static void dct(float[] px, float[] tmp, float[] out, int base) {
        forward(px, tmp, out, base);
    }

    /**
     * Orthonormal 8x8 DCT of px (row-major) into out[base..base+64): rows, then columns, each 8-point transform split
     * into its even and odd halves (basis row u is symmetric for even u, antisymmetric for odd u), half the
     * multiplications of the direct sum.
     */
    static void forward(float[] px, float[] tmp, float[] out, int base) {
        for (int y = 0; y < 8; y++) forward1(px, y * 8, 1, tmp, y * 8, 1);
        for (int u = 0; u < 8; u++) forward1(tmp, u, 8, out, base + u, 8);
    }

    /** One 8-point DCT: in[i0 + i * is] to out[o0 + u * os]. */
    private static void forward1(float[] in, int i0, int is, float[] out, int o0, int os) {
        float x0 = in[i0], x1 = in[i0 + is], x2 = in[i0 + 2 * is], x3 = in[i0 + 3 * is];
        float x4 = in[i0 + 4 * is], x5 = in[i0 + 5 * is], x6 = in[i0 + 6 * is], x7 = in[i0 + 7 * is];
        float s0 = x0 + x7, s1 = x1 + x6, s2 = x2 + x5, s3 = x3 + x4;
        float d0 = x0 - x7, d1 = x1 - x6, d2 = x2 - x5, d3 = x3 - x4;
        for (int u = 0; u < 8; u += 2) {
            int k = u * 8;
            out[o0 + u * os] = COS[k] * s0 + COS[k + 1] * s1 + COS[k + 2] * s2 + COS[k + 3] * s3;
            int j = k + 8;
            out[o0 + (u + 1) * os] = COS[j] * d0 + COS[j + 1] * d1 + COS[j + 2] * d2 + COS[j + 3] * d3;
        }
    }

    /** Inverse of {@link #forward}: coefficients in c (row-major v*8+u) to pixels in out (even/odd halves as there). */
    static void inverse(float[] c, float[] tmp, float[] out) {
        for (int v = 0; v < 8; v++) inverse1(c, v * 8, 1, tmp, v * 8, 1);
        for (int x = 0; x < 8; x++) inverse1(tmp, x, 8, out, x, 8);
    }

    /** One 8-point inverse DCT: coefficients in[i0 + u * is] to samples out[o0 + x * os]. */
    private static void inverse1(float[] in, int i0, int is, float[] out, int o0, int os) {
        float c0 = in[i0], c1 = in[i0 + is], c2 = in[i0 + 2 * is], c3 = in[i0 + 3 * is];
        float c4 = in[i0 + 4 * is], c5 = in[i0 + 5 * is], c6 = in[i0 + 6 * is], c7 = in[i0 + 7 * is];
        for (int x = 0; x < 4; x++) {
            float e = COS[x] * c0 + COS[16 + x] * c2 + COS[32 + x] * c4 + COS[48 + x] * c6;
            float o = COS[8 + x] * c1 + COS[24 + x] * c3 + COS[40 + x] * c5 + COS[56 + x] * c7;
            out[o0 + x * os] = e + o;
            out[o0 + (7 - x) * os] = e - o;
        }
    }
}
