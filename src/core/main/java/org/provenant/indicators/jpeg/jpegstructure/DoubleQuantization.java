package org.provenant.indicators.jpeg.jpegstructure;

import java.util.Arrays;
import org.provenant.core.filter.Parallel;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.ProgressSink;

/**
 * Aligned double JPEG compression, after Bianchi and Piva ("Image forgery localization via block-grained analysis
 * of JPEG artifacts", IEEE TIFS 2012) in a reduced form. For each of the first low-frequency AC coefficients of the
 * luminance:
 * <ol>
 * <li>the distribution of the coefficient before any quantization is estimated by calibration: the luminance is
 * decoded from the coefficients, and the DCT is taken on the 8x8 grid shifted by 4 pixels, which the JPEG grid
 * does not line up with (Fridrich's calibration);</li>
 * <li>single compression with step Q2 (the file's table) predicts the histogram p0(c); a first compression with
 * step Q1 followed by Q2 predicts p1(c) = sum over u with round(u Q1 / Q2) = c of the mass at u Q1 (empty and
 * doubled bins: the periodic artefact of the first quantization);</li>
 * <li>for every Q1 in 1..max(3 Q2 + 2, 40) a mixture alpha p1 + (1 - alpha) p0 is fitted to the file's histogram by EM; the Q1 with
 * the largest log-likelihood gain over p0 alone is kept (the larger step among near-equal fits, since a divisor of
 * the true step fits almost as well).</li>
 * </ol>
 * Zero coefficients are left out (see {@link #normalise}). The image-level statistic is the summed gain in nats per block. Each block's log-likelihood ratio
 * sum_f log(p1/p0) over the frequencies that show the artefact says whether the block carries the first
 * compression; averaged over its 3x3 neighbourhood, with the fitted share as prior, it becomes the map's probability
 * that the block does NOT carry it (a region pasted from elsewhere, or re-shifted). Flat neighbourhoods without any
 * non-zero coefficient carry no evidence and are left out (NaN).
 */
final class DoubleQuantization {
    /** Zig-zag positions examined: the 15 lowest AC frequencies. */
    static final int FIRST_ZIGZAG = 1, LAST_ZIGZAG = 15;
    /** Coefficients beyond this magnitude are left out (few, uninformative). */
    static final int RANGE = 40;
    /** Frequencies with a second step above this carry too little of the first compression to be used. */
    static final int MAX_Q2 = 20;
    /** Largest first step tried. */
    static final int MAX_Q1 = 64;
    /** Share of the single-compression model mixed into p1 for rounding noise (our choice). */
    static final double NOISE = 0.05;
    /** A frequency counts as showing the artefact above this gain in nats per block (our choice). */
    static final double FREQUENCY_GAIN = 0.01;
    /** Fewest blocks analysed. */
    static final int MIN_BLOCKS = 256;

    /** Per-frequency outcome: position (zig-zag), second step, estimated first step, fitted share, gain per block. */
    record Frequency(int zigzag, int q2, int q1, double alpha, double gainPerBlock) {
        boolean shows() { return gainPerBlock > FREQUENCY_GAIN && q1 != q2 && alpha > 0.1; }
    }

    /** Result: statistic (nats per block, summed over frequencies), the frequencies and the block map. */
    record Result(double statistic, double dqShare, Frequency[] frequencies, FloatMap lacksFirst, int blocks) { }

    private DoubleQuantization() { }

    static Result analyse(Coefficients co, int[] q2Table, ProgressSink progress) {
        int bw = co.blocksWide[0], bh = co.blocksHigh[0];
        int n = bw * bh;
        if (n < MIN_BLOCKS || bw < 3 || bh < 3) return null;
        float[] luma = decodeLuma(co, q2Table, bw, bh, progress);
        progress.checkCancelled();
        float[][] calib = shiftedDct(luma, bw * 8, bh * 8, progress);
        progress.progress(0.6);
        double[] llr = new double[n];
        int[] informative = new int[n];
        Frequency[] freqs = new Frequency[LAST_ZIGZAG - FIRST_ZIGZAG + 1];
        double statistic = 0, alphaSum = 0;
        int used = 0;
        for (int z = FIRST_ZIGZAG; z <= LAST_ZIGZAG; z++) {
            progress.checkCancelled();
            int nat = JpegParser.ZIGZAG[z];
            int q2 = q2Table[nat];
            int[] c = new int[n];
            int[] hist = new int[2 * RANGE + 1];
            for (int r = 0; r < bh; r++) {
                for (int col = 0; col < bw; col++) {
                    int v = co.data[0][co.offset(0, r, col) + nat];
                    c[r * bw + col] = v;
                    if (v != 0 && Math.abs(v) <= RANGE) hist[v + RANGE]++;
                }
            }
            float[] sorted = calib[z - FIRST_ZIGZAG];
            double[] p0 = singleModel(sorted, q2);
            Frequency best = new Frequency(z, q2, q2, 0, 0);
            double[] bestP1 = null;
            if (q2 <= MAX_Q2) {
                for (int q1 = 1; q1 <= Math.min(MAX_Q1, Math.max(3 * q2 + 2, 40)); q1++) {
                    if (q1 == q2) continue;
                    double[] p1 = doubleModel(sorted, q1, q2, p0);
                    double[] fit = fitMixture(hist, p0, p1);
                    double gain = fit[1] / n;
                    // a divisor of the true first step fits almost as well: among near-equal fits the larger step wins
                    if (gain > 0 && gain > 0.97 * best.gainPerBlock()) {
                        best = new Frequency(z, q2, q1, fit[0], gain);
                        bestP1 = p1;
                    }
                }
            }
            freqs[z - FIRST_ZIGZAG] = best;
            if (best.shows() && bestP1 != null) {
                statistic += best.gainPerBlock();
                alphaSum += best.alpha();
                used++;
                for (int i = 0; i < n; i++) {
                    int v = c[i];
                    if (v != 0 && Math.abs(v) <= RANGE) {
                        llr[i] += Math.log(bestP1[v + RANGE] / p0[v + RANGE]);
                        informative[i]++;
                    }
                }
            }
            progress.progress(0.6 + 0.4 * (z - FIRST_ZIGZAG + 1) / freqs.length);
        }
        FloatMap map = FloatMap.zeros(bw, bh);
        double share = used == 0 ? 0 : alphaSum / used;
        double prior = Math.log(Math.max(0.05, Math.min(0.95, share)) / (1 - Math.max(0.05, Math.min(0.95, share))));
        for (int r = 0; r < bh; r++) {
            for (int col = 0; col < bw; col++) {
                if (used == 0) {
                    map.set(col, r, Float.NaN);
                    continue;
                }
                double s = 0;
                int k = 0, info = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int y = r + dy, x = col + dx;
                        if (y < 0 || x < 0 || y >= bh || x >= bw) continue;
                        s += llr[y * bw + x];
                        info += informative[y * bw + x];
                        k++;
                    }
                }
                // no non-zero coefficient around (flat area): no evidence either way
                map.set(col, r, info == 0 ? Float.NaN : (float) (1 / (1 + Math.exp(Math.max(-50, Math.min(50, s / k + prior))))));
            }
        }
        return new Result(statistic, share, freqs, map, n);
    }

    /** EM for the share alpha of the double-compression model; returns {alpha, log-likelihood gain over p0}. */
    static double[] fitMixture(int[] hist, double[] p0, double[] p1) {
        double alpha = 0.5;
        long total = 0;
        for (int h : hist) total += h;
        if (total == 0) return new double[]{0, 0};
        for (int it = 0; it < 30; it++) {
            double s = 0;
            for (int i = 0; i < hist.length; i++) {
                if (hist[i] == 0) continue;
                double a = alpha * p1[i], b = (1 - alpha) * p0[i];
                s += hist[i] * a / (a + b);
            }
            alpha = Math.min(1, Math.max(0, s / total));
        }
        double gain = 0;
        for (int i = 0; i < hist.length; i++) {
            if (hist[i] == 0) continue;
            gain += hist[i] * (Math.log(alpha * p1[i] + (1 - alpha) * p0[i]) - Math.log(p0[i]));
        }
        return new double[]{alpha, gain};
    }

    /** p0(c) for c in [-RANGE, RANGE]: the calibrated distribution quantized once with step q2, normalised. */
    static double[] singleModel(float[] sorted, int q2) {
        double[] p = new double[2 * RANGE + 1];
        for (int c = -RANGE; c <= RANGE; c++) p[c + RANGE] = mass(sorted, (c - 0.5) * q2, (c + 0.5) * q2);
        return normalise(p, null);
    }

    /** p1(c): quantized with q1, then requantized with q2, mixed with a little of p0 for rounding noise. */
    static double[] doubleModel(float[] sorted, int q1, int q2, double[] p0) {
        double[] p = new double[2 * RANGE + 1];
        int umax = (int) Math.ceil((RANGE + 0.5) * q2 / (double) q1) + 1;
        for (int u = -umax; u <= umax; u++) {
            long c = Math.round((double) u * q1 / q2);
            if (Math.abs(c) > RANGE) continue;
            p[(int) c + RANGE] += mass(sorted, (u - 0.5) * q1, (u + 0.5) * q1);
        }
        return normalise(p, p0);
    }

    /** Normalised over the non-zero values: zero is left out of the model, because calibration misjudges it (the
     *  shifted grid sees the blocking of the compression) and flat regions would otherwise decide. */
    private static double[] normalise(double[] p, double[] mix) {
        p[RANGE] = 0;
        double s = 0;
        for (double v : p) s += v;
        for (int i = 0; i < p.length; i++) {
            if (i == RANGE) {
                p[i] = 1;
                continue;
            }
            double v = s > 0 ? p[i] / s : 1.0 / p.length;
            if (mix != null) v = (1 - NOISE) * v + NOISE * mix[i];
            p[i] = Math.max(v, 1e-6);
        }
        return p;
    }

    /** Fraction of the sorted sample in [lo, hi). */
    private static double mass(float[] sorted, double lo, double hi) {
        return (lowerBound(sorted, hi) - lowerBound(sorted, lo)) / (double) sorted.length;
    }

    private static int lowerBound(float[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (a[m] < v) lo = m + 1;
            else hi = m;
        }
        return lo;
    }

    /** DCT basis: C[u][x] = c(u)/2 cos((2x+1) u pi / 16). */
    private static final double[][] C = new double[8][8];

    static {
        for (int u = 0; u < 8; u++) {
            for (int x = 0; x < 8; x++) C[u][x] = (u == 0 ? Math.sqrt(0.5) : 1) / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
        }
    }

    /**
     * The luminance (0..255, rounded and clamped as a decoder does) from the dequantized coefficients. Rows of blocks
     * in parallel; zero coefficients (most of them) are skipped, which leaves every sum as it was.
     */
    static float[] decodeLuma(Coefficients co, int[] q, int bw, int bh, ProgressSink progress) {
        int w = bw * 8;
        float[] out = new float[w * bh * 8];
        Parallel.forEach(bh, r -> {
            if ((r & 31) == 0) progress.checkCancelled();
            double[] tmp = new double[64];
            for (int col = 0; col < bw; col++) {
                int off = co.offset(0, r, col);
                for (int v = 0; v < 8; v++) {           // rows: inverse along u for each v
                    java.util.Arrays.fill(tmp, v * 8, v * 8 + 8, 0.0);
                    for (int u = 0; u < 8; u++) {
                        int c = co.data[0][off + v * 8 + u];
                        if (c == 0) continue;
                        int k = q[v * 8 + u];
                        for (int x = 0; x < 8; x++) tmp[v * 8 + x] += C[u][x] * c * k; // same products and order as before
                    }
                }
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        double s = 0;
                        for (int v = 0; v < 8; v++) s += C[v][y] * tmp[v * 8 + x];
                        out[(r * 8 + y) * w + col * 8 + x] = (float) Math.max(0, Math.min(255, Math.round(s + 128)));
                    }
                }
            }
        });
        return out;
    }

    /** Sorted DCT values at the examined frequencies on the grid shifted by (4, 4). */
    static float[][] shiftedDct(float[] p, int w, int h, ProgressSink progress) {
        int bw = (w - 4) / 8, bh = (h - 4) / 8;
        int nf = LAST_ZIGZAG - FIRST_ZIGZAG + 1;
        float[][] out = new float[nf][bw * bh];
        Parallel.forEach(bh, r -> {
            if ((r & 31) == 0) progress.checkCancelled();
            double[] tmp = new double[64];
            for (int col = 0; col < bw; col++) {
                int x0 = 4 + col * 8, y0 = 4 + r * 8;
                for (int y = 0; y < 8; y++) {
                    for (int u = 0; u < 8; u++) {
                        double s = 0;
                        for (int x = 0; x < 8; x++) s += C[u][x] * (p[(y0 + y) * w + x0 + x] - 128);
                        tmp[y * 8 + u] = s;
                    }
                }
                for (int f = 0; f < nf; f++) {
                    int nat = JpegParser.ZIGZAG[FIRST_ZIGZAG + f];
                    int v = nat / 8, u = nat % 8;
                    double s = 0;
                    for (int y = 0; y < 8; y++) s += C[v][y] * tmp[y * 8 + u];
                    out[f][r * bw + col] = (float) s;
                }
            }
        });
        for (float[] a : out) Arrays.parallelSort(a);
        return out;
    }
}
