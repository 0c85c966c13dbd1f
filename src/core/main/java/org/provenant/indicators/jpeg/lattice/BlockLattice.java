package org.provenant.indicators.jpeg.lattice;

import org.provenant.core.filter.BlockGrid;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.jpeg.JpegModel;
import org.provenant.indicators.IndicatorException;

/**
 * The trace an earlier JPEG compression leaves in a lossless picture (a PNG or TIFF saved from a decoded JPEG): on
 * the JPEG's 8x8 grid, each luma DCT coefficient lies close to a multiple of that JPEG's quantization step, up to the
 * rounding of the decoded pixels (the JPEG compatibility of Fridrich, Goljan and Du, 2001). A region pasted, filled
 * or generated after the decoding does not. The grid is the phase at which the steps show ({@link #phase}); the step
 * of each of the {@link #FREQUENCIES} lowest AC frequencies is the largest one on whose multiples the coefficients gather
 * (circular mean of exp(2 pi i c / q) at least {@link #MIN_PERIODICITY}, with at least {@link #MIN_SPREAD} of them
 * beyond the first multiple, so that a step larger than the spread of the values does not pass). Each coefficient
 * beyond half a step then gives a log-likelihood ratio: its distance to the nearest multiple under rounding noise of
 * {@link #NOISE} levels against a uniform distance. Averaged over 3x3 blocks, the ratio gives the probability that a
 * block does NOT carry the trace, as the double-quantization map of a JPEG file does.
 */
final class BlockLattice {
    static final int FREQUENCIES = 35;
    static final double MIN_PERIODICITY = 0.5, MIN_SPREAD = 0.3;
    /** Smallest step used: below it the rounding noise fills the lattice. */
    static final int MIN_STEP = 3;
    static final int MAX_STEP = 80;
    /** Smallest rounding noise of a coefficient (8-bit levels) the ratio assumes; the image's own is measured ({@link #noise}). */
    static final double NOISE = 0.6;
    static final double MAX_LLR = 4;
    /** Fewest coefficients away from zero a frequency needs for its step to be estimated; at most MAX_VALUES are read. */
    static final int MIN_VALUES = 200, MAX_VALUES = 20_000;
    /** Blocks (spread over the picture) and lowest frequencies on which each of the 64 grid phases is tried ({@link #phase}). */
    static final int PHASE_BLOCKS = 2048, PHASE_FREQUENCIES = 8;
    /**
     * The first AC frequencies in zig-zag order, as natural (row-major) indices. 35 since session 16 (20 before): after
     * a JPEG of quality 90-95 the low frequencies have steps of 2, too fine to use; the higher ones keep steps of 3-15.
     */
    static final int[] ZIGZAG = {1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
            13, 6, 7, 14, 21, 28, 35, 42, 49, 56};

    final int x0, y0;
    /** The step of each of the first frequencies (0 where no lattice shows). */
    final int[] steps = new int[FREQUENCIES];
    /** Per 8-pixel cell of the image: the probability that it lacks the trace (NaN: no evidence); null if none shows. */
    final FloatMap lacks;

    /** The JPEG model of the image's blocks from (x, y) on (the analysis's shared one for (0, 0)). */
    @FunctionalInterface
    interface Models {
        JpegModel from(int x, int y) throws IndicatorException;
    }

    BlockLattice(FloatImage image, Models models) throws IndicatorException {
        int w = image.width(), h = image.height();
        float[] y = luma(image);
        BlockGrid g = BlockGrid.measure(y, w, h);
        int[] grid = phase(y, w, h, g.phaseX() < 0 ? 0 : (g.phaseX() + 1) % 8, g.phaseY() < 0 ? 0 : (g.phaseY() + 1) % 8);
        x0 = grid[0];
        y0 = grid[1];
        if (w - x0 < 8 || h - y0 < 8) {
            lacks = null;
            return;
        }
        JpegModel m = models.from(x0, y0);
        float[] c = m.coefficients(0);
        int bx = m.blocksX(), by = m.blocksY(), n = bx * by;
        double[] llr = new double[n];
        int[] info = new int[n];
        int used = 0;
        for (int f = 0; f < FREQUENCIES; f++) {
            int k = ZIGZAG[f];
            int q = step(c, k, n);
            steps[f] = q;
            if (q < MIN_STEP) continue;
            used++;
            double sigma = noise(c, k, n, q) / q, norm = Math.log(2 / (Math.sqrt(2 * Math.PI) * sigma) / 2);
            for (int b = 0; b < n; b++) {
                double v = c[b * 64 + k] / q;
                if (Math.abs(v) <= 0.5) continue;
                double d = Math.abs(v - Math.rint(v));
                llr[b] += Math.max(-MAX_LLR, Math.min(MAX_LLR, norm - d * d / (2 * sigma * sigma)));
                info[b]++;
            }
        }
        if (used == 0) {
            lacks = null;
            return;
        }
        int mw = (w + 7) / 8, mh = (h + 7) / 8;
        float[] p = new float[mw * mh];
        java.util.Arrays.fill(p, Float.NaN);
        for (int r = 0; r < by; r++) {
            for (int col = 0; col < bx; col++) {
                double s = 0;
                int blocks = 0, known = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = r + dy, xx = col + dx;
                        if (yy < 0 || xx < 0 || yy >= by || xx >= bx) continue;
                        s += llr[yy * bx + xx];
                        known += info[yy * bx + xx];
                        blocks++;
                    }
                }
                if (known == 0) continue;
                int cx = Math.min(mw - 1, (x0 + col * 8 + 4) / 8), cy = Math.min(mh - 1, (y0 + r * 8 + 4) / 8);
                p[cy * mw + cx] = (float) (1 / (1 + Math.exp(Math.max(-50, Math.min(50, s / blocks)))));
            }
        }
        lacks = new FloatMap(mw, mh, p);
    }

    /**
     * The earlier JPEG's grid: of the 64 phases, the one at which the most of the {@link #PHASE_FREQUENCIES} lowest
     * frequencies gather on a step of at least {@link #MIN_STEP} (read on up to {@link #PHASE_BLOCKS} blocks spread over
     * the picture). The blockiness a JPEG leaves in the pixels ({@link BlockGrid}) is faint at high qualities and may
     * point to another phase, while the steps are the trace this indicator reads. The blockiness's phase (gx, gy) is
     * kept where it shows as many frequencies as the best phase, or where no phase shows any.
     */
    static int[] phase(float[] y, int w, int h, int gx, int gy) {
        int nx = (w - 7) / 8, ny = (h - 7) / 8;
        if (nx < 1 || ny < 1) return new int[]{gx, gy};
        int s = (int) Math.ceil(Math.sqrt(nx * (double) ny / PHASE_BLOCKS));
        int cx = (nx - 1) / s + 1, cy = (ny - 1) / s + 1, n = cx * cy;
        float[] c = new float[n * 64], px = new float[64], tmp = new float[64], v = new float[n];
        int[] found = new int[64];
        for (int phaseY = 0; phaseY < 8; phaseY++) {
            for (int phaseX = 0; phaseX < 8; phaseX++) {
                for (int r = 0; r < cy; r++) {
                    for (int col = 0; col < cx; col++) {
                        int ox = phaseX + col * s * 8, oy = phaseY + r * s * 8;
                        for (int j = 0; j < 8; j++) {
                            for (int i = 0; i < 8; i++) px[j * 8 + i] = y[(oy + j) * w + ox + i] - 128;
                        }
                        JpegModel.dct(px, tmp, c, (r * cx + col) * 64);
                    }
                }
                for (int f = 0; f < PHASE_FREQUENCIES; f++) {
                    int k = ZIGZAG[f], count = 0;
                    for (int b = 0; b < n; b++) if (Math.abs(c[b * 64 + k]) > 1.5) v[count++] = c[b * 64 + k];
                    if (count >= MIN_VALUES && gathers(v, count)) found[phaseY * 8 + phaseX]++;
                }
            }
        }
        int best = gy * 8 + gx;
        for (int i = 0; i < 64; i++) if (found[i] > found[best]) best = i;
        return new int[]{best % 8, best / 8};
    }

    private static final int TURN = 1024;
    private static final float[] COS_TURN = new float[TURN], SIN_TURN = new float[TURN];

    static {
        for (int i = 0; i < TURN; i++) {
            COS_TURN[i] = (float) Math.cos(2 * Math.PI * i / TURN);
            SIN_TURN[i] = (float) Math.sin(2 * Math.PI * i / TURN);
        }
    }

    /** Whether the count values gather on the multiples of a step from {@link #MIN_STEP} on ({@link #step}'s test, tabled). */
    private static boolean gathers(float[] v, int count) {
        for (int q = MIN_STEP; q <= MAX_STEP; q++) {
            double g = gathering(v, count, q, true);
            if (Double.isNaN(g)) return false;
            if (g >= MIN_PERIODICITY) return true;
        }
        return false;
    }

    /**
     * How closely the count values gather on the multiples of q: the length of the mean of exp(2 pi i v / q); NaN where
     * fewer than {@link #MIN_SPREAD} of them lie beyond 0.75 q (that step, and any larger one, exceeds their spread).
     * Tabled cosines (1/{@value #TURN} of a turn) for the phase search's many calls, exact ones for the step itself.
     */
    private static double gathering(float[] v, int count, int q, boolean tabled) {
        int beyond = 0;
        double re = 0, im = 0;
        for (int i = 0; i < count; i++) {
            float x = v[i];
            if (Math.abs(x) > 0.75 * q) beyond++;
            if (tabled) {
                double t = x / (double) q;
                int a = (int) ((t - Math.floor(t)) * TURN) & (TURN - 1);
                re += COS_TURN[a];
                im += SIN_TURN[a];
            } else {
                double a = 2 * Math.PI * x / q;
                re += Math.cos(a);
                im += Math.sin(a);
            }
        }
        return beyond < MIN_SPREAD * count ? Double.NaN : Math.hypot(re, im) / count;
    }

    /**
     * The rounding noise of frequency k's coefficients around the multiples of q (levels): the median distance of the
     * coefficients beyond half a step, over 0.674 (a half-normal's median), at least {@link #NOISE}. A median, so that a
     * pasted minority does not raise it.
     */
    static double noise(float[] c, int k, int blocks, int q) {
        double[] d = new double[blocks];
        int count = 0;
        for (int b = 0; b < blocks; b++) {
            double v = c[b * 64 + k] / q;   // the same selection as the ratios' (beyond half a step)
            if (Math.abs(v) > 0.5) d[count++] = Math.abs(v - Math.rint(v)) * q;
        }
        if (count == 0) return NOISE;
        java.util.Arrays.sort(d, 0, count);
        return Math.max(NOISE, d[count / 2] / 0.674);
    }

    /** How many of the first frequencies show a lattice of at least {@link #MIN_STEP}. */
    int frequencies() {
        int k = 0;
        for (int q : steps) if (q >= MIN_STEP) k++;
        return k;
    }

    /** The largest step on whose multiples frequency k's coefficients gather; 0 when none (or too few values). */
    static int step(float[] c, int k, int blocks) {
        int count = 0;
        for (int b = 0; b < blocks; b++) if (Math.abs(c[b * 64 + k]) > 1.5) count++;
        if (count < MIN_VALUES) return 0;
        int stride = Math.max(1, count / MAX_VALUES), j = 0, seen = 0;
        float[] v = new float[(count + stride - 1) / stride];
        for (int b = 0; b < blocks && j < v.length; b++) {
            float x = c[b * 64 + k];
            if (Math.abs(x) > 1.5 && seen++ % stride == 0) v[j++] = x;
        }
        count = j;
        int best = 0;
        for (int q = 2; q <= MAX_STEP; q++) {
            double g = gathering(v, count, q, false);
            if (Double.isNaN(g)) break;
            if (g >= MIN_PERIODICITY) best = q;
        }
        return best;
    }

    /** JFIF luma in 8-bit units (grey images: the grey value). */
    static float[] luma(FloatImage image) {
        int n = image.width() * image.height();
        float[] out = new float[n];
        if (image.channels() < 3) {
            float[] p = image.plane(0);
            for (int i = 0; i < n; i++) out[i] = 255 * p[i];
            return out;
        }
        float[] r = image.plane(0), g = image.plane(1), b = image.plane(2);
        for (int i = 0; i < n; i++) out[i] = 255 * (0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i]);
        return out;
    }
}
