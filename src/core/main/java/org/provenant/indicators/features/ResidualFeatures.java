package org.provenant.indicators.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;

/**
 * Colour noise-residual co-occurrence features (in the spirit of SPAM, Pevny et al. 2010, and the spatial rich
 * model, Fridrich and Kodovsky 2012) computed over a bounded number of fixed-size tiles, so that neither the image
 * size nor its file format enters the vector.
 *
 * <p>On the 8-bit scale, for each tile: the chroma differences B-Y and R-Y are filtered by three high-pass kernels
 * (first and second differences along rows and columns, the 3x3 "square" kernel), divided by a step, rounded and
 * truncated to [-2, 2]; triples of neighbouring residuals (along rows and columns, merged) are counted in a 5x5x5
 * histogram reduced by the symmetries sign flip and reversal (39 bins each). Also the joint histogram of the 3x3
 * residuals of R, G and B at the same pixel (reduced by sign flip, 63 bins) and of the first differences of B-Y and
 * R-Y at the same pixel (13 bins). Histograms are summed over the tiles, then normalised: 310 numbers.
 *
 * <p>Why colour only: in grouped cross-validation (leave generators and photo sources out) on the shared data sets,
 * the luma residual co-occurrences (195 numbers) and radially averaged spectra with upsampling-peak strengths
 * (54) added nothing or lowered the ROC AUC (luma alone 0.64, spectra alone 0.53, chroma first differences alone
 * 0.74); see docs/generated-detector.md.
 */
public final class ResidualFeatures {
    /** Tile side in pixels. Our choice: large enough for stable histograms, small enough for 128 px generator outputs. */
    public static final int TILE = 128;
    /** At most this many tiles per side (a grid of up to 4x4 spread evenly over the image). Our choice: bounds the time. */
    public static final int MAX_GRID = 4;
    static final int T = 2, BINS = 2 * T + 1;
    private static final int[] TRIPLE_CLASS = new int[BINS * BINS * BINS];
    private static final int TRIPLE_CLASSES;
    private static final int[] COLOUR_CLASS = new int[BINS * BINS * BINS];
    private static final int COLOUR_CLASSES;
    private static final int[] PAIR_CLASS = new int[BINS * BINS];
    private static final int PAIR_CLASSES;

    /** Kernels; directional ones are given horizontally. */
    private static final float[][] K1 = {{0, 0, 0}, {0, -1, 1}, {0, 0, 0}};
    private static final float[][] K2 = {{0, 0, 0}, {1, -2, 1}, {0, 0, 0}};
    private static final float[][] K4 = {{-1, 2, -1}, {2, -4, 2}, {-1, 2, -1}};
    private static final float[][][] KERNELS = {K1, K2, K4};
    private static final boolean[] DIRECTIONAL = {true, true, false};
    /** Quantisation steps (SRM's usual choice: the kernel's order; 2 for the square kernel on chroma). */
    private static final float[] STEPS = {1, 2, 2};
    private static final String[] KERNEL_NAMES = {"d1", "d2", "sq3"};
    private static final String[] CHROMA = {"cb", "cr"};

    static {
        Arrays.fill(TRIPLE_CLASS, -1);
        int n = 0;
        for (int i = 0; i < TRIPLE_CLASS.length; i++) {
            if (TRIPLE_CLASS[i] >= 0) continue;
            int a = i / 25, b = (i / 5) % 5, c = i % 5;
            for (int o : new int[] {idx(a, b, c), idx(c, b, a), idx(4 - a, 4 - b, 4 - c), idx(4 - c, 4 - b, 4 - a)})
                TRIPLE_CLASS[o] = n;
            n++;
        }
        TRIPLE_CLASSES = n;
        Arrays.fill(COLOUR_CLASS, -1);
        n = 0;
        for (int i = 0; i < COLOUR_CLASS.length; i++) {
            if (COLOUR_CLASS[i] >= 0) continue;
            int a = i / 25, b = (i / 5) % 5, c = i % 5;
            COLOUR_CLASS[i] = n;
            COLOUR_CLASS[idx(4 - a, 4 - b, 4 - c)] = n;
            n++;
        }
        COLOUR_CLASSES = n;
        Arrays.fill(PAIR_CLASS, -1);
        n = 0;
        for (int i = 0; i < PAIR_CLASS.length; i++) {
            if (PAIR_CLASS[i] >= 0) continue;
            PAIR_CLASS[i] = n;
            PAIR_CLASS[(4 - i / 5) * 5 + 4 - i % 5] = n;
            n++;
        }
        PAIR_CLASSES = n;
    }

    private ResidualFeatures() { }

    private static int idx(int a, int b, int c) {
        return a * 25 + b * 5 + c;
    }

    /** Number of features. */
    public static int size() {
        return CHROMA.length * KERNELS.length * TRIPLE_CLASSES + COLOUR_CLASSES + PAIR_CLASSES;
    }

    /** Feature names, in the order of {@link #of}. */
    public static List<String> names() {
        List<String> n = new ArrayList<>();
        for (String p : CHROMA) for (String k : KERNEL_NAMES) for (int i = 0; i < TRIPLE_CLASSES; i++) n.add(p + "_" + k + "_c" + i);
        for (int i = 0; i < COLOUR_CLASSES; i++) n.add("rgb_sq3_c" + i);
        for (int i = 0; i < PAIR_CLASSES; i++) n.add("cbcr_d1_c" + i);
        return n;
    }

    /** Whether the image is large enough for at least one tile and has colour. */
    public static boolean applicable(FloatImage img) {
        return img.width() >= TILE && img.height() >= TILE && img.channels() >= 3 && !isGreyInColour(img);
    }

    /** True when R, G and B are (nearly) equal almost everywhere: a grey picture stored as colour. */
    public static boolean isGreyInColour(FloatImage img) {
        if (img.channels() < 3) return true;
        float[] r = img.plane(0), g = img.plane(1), b = img.plane(2);
        int step = Math.max(1, r.length / 20000), differ = 0, n = 0;
        for (int i = 0; i < r.length; i += step, n++)
            if (Math.abs(r[i] - g[i]) > 1.5f / 255 || Math.abs(b[i] - g[i]) > 1.5f / 255) differ++;
        return differ < 0.01 * n;
    }

    /** Top-left corners of the tiles: a grid of up to MAX_GRID x MAX_GRID spread evenly over the image. */
    public static List<int[]> tiles(int w, int h) {
        int gx = Math.min(MAX_GRID, w / TILE), gy = Math.min(MAX_GRID, h / TILE);
        List<int[]> out = new ArrayList<>();
        for (int j = 0; j < gy; j++)
            for (int i = 0; i < gx; i++)
                out.add(new int[] {gx == 1 ? (w - TILE) / 2 : Math.round(i * (w - TILE) / (float) (gx - 1)),
                        gy == 1 ? (h - TILE) / 2 : Math.round(j * (h - TILE) / (float) (gy - 1))});
        return out;
    }

    /** The feature vector of the whole image (histograms summed over every tile). */
    /** The features of {@code img}, computed once per analysis and shared by every detector that reads them. */
    public static double[] of(FloatImage img, IndicatorContext context) throws IndicatorException {
        return context.shared(img).compute(SHARED_KEY, () -> of(img));
    }

    /** Key of the features in the analysis's shared work. */
    public static final String SHARED_KEY = "gendetector:features";

    public static double[] of(FloatImage img) {
        if (!applicable(img)) throw new IllegalArgumentException("needs a colour image of at least " + TILE + "x" + TILE);
        Counts total = new Counts();
        for (int[] t : tiles(img.width(), img.height())) total.add(count(img, t[0], t[1]));
        return total.features();
    }

    /** Raw counts of one tile. */
    static Counts count(FloatImage img, int x0, int y0) {
        int s = TILE;
        float[] r = new float[s * s], g = new float[s * s], b = new float[s * s];
        float[][] chroma = new float[2][s * s];
        for (int j = 0; j < s; j++) {
            int src = (y0 + j) * img.width() + x0;
            for (int i = 0; i < s; i++) {
                int k = j * s + i;
                r[k] = img.plane(0)[src + i] * 255f;
                g[k] = img.plane(1)[src + i] * 255f;
                b[k] = img.plane(2)[src + i] * 255f;
                float y = 0.299f * r[k] + 0.587f * g[k] + 0.114f * b[k];
                chroma[0][k] = b[k] - y;
                chroma[1][k] = r[k] - y;
            }
        }
        Counts c = new Counts();
        byte[][] d1h = new byte[2][];
        for (int p = 0; p < 2; p++)
            for (int k = 0; k < KERNELS.length; k++) {
                long[] hist = c.chroma[p * KERNELS.length + k];
                if (DIRECTIONAL[k]) {
                    byte[] h = quantise(filter(chroma[p], s, KERNELS[k], false), STEPS[k]);
                    triples(h, s, 1, true, hist);
                    triples(quantise(filter(chroma[p], s, KERNELS[k], true), STEPS[k]), s, 1, false, hist);
                    if (k == 0) d1h[p] = h;
                } else {
                    byte[] q = quantise(filter(chroma[p], s, KERNELS[k], false), STEPS[k]);
                    triples(q, s, 1, true, hist);
                    triples(q, s, 1, false, hist);
                }
            }
        byte[] qr = quantise(filter(r, s, K4, false), 2), qg = quantise(filter(g, s, K4, false), 2),
                qb = quantise(filter(b, s, K4, false), 2);
        for (int j = 1; j < s - 1; j++)
            for (int i = 1; i < s - 1; i++) {
                int k = j * s + i;
                c.colour[COLOUR_CLASS[idx(qr[k], qg[k], qb[k])]]++;
                c.pair[PAIR_CLASS[d1h[0][k] * 5 + d1h[1][k]]]++;
            }
        return c;
    }

    /** Residual of the plane under a 3x3 kernel (transposed when {@code vertical}); the 1 px border stays 0. */
    static float[] filter(float[] p, int s, float[][] ker, boolean vertical) {
        float[] out = new float[s * s];
        for (int j = 1; j < s - 1; j++)
            for (int i = 1; i < s - 1; i++) {
                float acc = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        float w = vertical ? ker[dx + 1][dy + 1] : ker[dy + 1][dx + 1];
                        if (w != 0) acc += w * p[(j + dy) * s + i + dx];
                    }
                out[j * s + i] = acc;
            }
        return out;
    }

    /** round(r / step) truncated to [-T, T], stored shifted to 0..2T. */
    static byte[] quantise(float[] r, float step) {
        byte[] q = new byte[r.length];
        for (int i = 0; i < r.length; i++) {
            int v = Math.round(r[i] / step);
            q[i] = (byte) (Math.max(-T, Math.min(T, v)) + T);
        }
        return q;
    }

    private static void triples(byte[] q, int s, int rad, boolean horizontal, long[] hist) {
        int d = horizontal ? 1 : s;
        for (int j = rad; j < s - rad - (horizontal ? 0 : 2); j++)
            for (int i = rad; i < s - rad - (horizontal ? 2 : 0); i++) {
                int k = j * s + i;
                hist[TRIPLE_CLASS[idx(q[k], q[k + d], q[k + 2 * d])]]++;
            }
    }

    /** Histogram counts, summable over tiles. */
    static final class Counts {
        final long[][] chroma = new long[CHROMA.length * KERNELS.length][TRIPLE_CLASSES];
        final long[] colour = new long[COLOUR_CLASSES];
        final long[] pair = new long[PAIR_CLASSES];

        void add(Counts o) {
            for (int k = 0; k < chroma.length; k++) for (int i = 0; i < TRIPLE_CLASSES; i++) chroma[k][i] += o.chroma[k][i];
            for (int i = 0; i < colour.length; i++) colour[i] += o.colour[i];
            for (int i = 0; i < pair.length; i++) pair[i] += o.pair[i];
        }

        double[] features() {
            double[] f = new double[size()];
            int at = 0;
            for (long[] h : chroma) at = normalised(h, f, at);
            at = normalised(colour, f, at);
            normalised(pair, f, at);
            return f;
        }

        private static int normalised(long[] h, double[] f, int at) {
            double sum = 0;
            for (long v : h) sum += v;
            for (long v : h) f[at++] = sum == 0 ? 0 : v / sum;
            return at;
        }
    }
}
