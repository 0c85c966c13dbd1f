package org.provenant.indicators.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.provenant.core.filter.HighPass;
import org.provenant.core.filter.Parallel;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.ProgressSink;

/**
 * Colour-channel residual correlations, cue 1 of Bergmann et al. (arXiv 2504.03191): a neural codec such as JPEG AI
 * converts RGB to YCbCr and subsamples chroma 4:2:0 before its network, which couples the high-frequency residuals
 * of R, G and B. We take the {@link HighPass} residual of each channel and compute the Pearson correlation of the
 * pairs R-G, R-B, G-B over the whole image and per block ({@link #BLOCK} pixels square).
 *
 * <p>Read by the colour-correlation indicator, the codec colour forest, the neural-codec detector and the codec-domain
 * gate of the cue forests. {@link #features} is the vector for the classifiers; {@link #blockMaps} gives the
 * per-block maps for reuse (e.g. localization). Only full blocks are mapped: the right/bottom remainder (less than
 * one block) counts towards the global correlation only. A block whose residual is flat in a channel has no defined
 * correlation and is NaN in the maps and left out of the statistics.
 */
public final class ChannelCorrelation {
    /** Default block side in pixels. Our choice (the paper's block size is not public). */
    public static final int BLOCK = 32;
    /** Residual variance per pixel below which a block counts as flat (about 1/150 of an 8-bit step squared: only truly flat blocks). */
    public static final double FLAT_VARIANCE = 1e-7;
    /** Channel pairs, in map and feature order. */
    public static final List<String> PAIRS = List.of("rg", "rb", "gb");
    /** Statistics per pair, in feature order (block mean, std, five quantiles, global). */
    public static final List<String> STATS = List.of("mean", "std", "q10", "q25", "q50", "q75", "q90", "global");
    private static final double[] QUANTILES = {0.10, 0.25, 0.50, 0.75, 0.90};

    /** Names of {@link #features}: per pair (rg, rb, gb) the block mean, std, 10/25/50/75/90 % quantiles, global. */
    public static final List<String> FEATURE_NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (String p : PAIRS) for (String s : STATS) names.add(p + "_" + s);
        FEATURE_NAMES = List.copyOf(names);
    }

    /** Per-block correlation maps (rg, rb, gb) and the three global correlations. */
    public record Correlations(FloatMap[] maps, double[] global) { }

    private ChannelCorrelation() { }

    /**
     * Feature vector (see {@link #FEATURE_NAMES}) on {@link #BLOCK}-pixel blocks.
     *
     * @throws IllegalArgumentException for a grey image or one smaller than one block
     */
    public static double[] features(FloatImage rgb) {
        return features(compute(rgb, BLOCK, ProgressSink.NONE));
    }

    /** SharedWork key of the block correlations: computed once per analysis for every indicator that reads them. */
    public static final String SHARED_KEY = "colour-correlation:block" + BLOCK;

    /** The {@link #BLOCK}-pixel correlations of this image, computed once per analysis ({@link #SHARED_KEY}). */
    public static Correlations shared(FloatImage rgb, IndicatorContext context) throws IndicatorException {
        if (rgb.channels() < 3 || rgb.width() < BLOCK || rgb.height() < BLOCK) return compute(rgb, BLOCK, context.progress());
        return context.shared(rgb).compute(SHARED_KEY, () -> compute(rgb, BLOCK, context.progress()));
    }

    /** {@link #features(FloatImage)} from the analysis's shared correlations. */
    public static double[] features(FloatImage rgb, IndicatorContext context) throws IndicatorException {
        return features(shared(rgb, context));
    }

    /** {@link #blockMaps(FloatImage, int)} at {@link #BLOCK} pixels from the analysis's shared correlations. */
    public static FloatMap[] blockMaps(FloatImage rgb, IndicatorContext context) throws IndicatorException {
        return shared(rgb, context).maps();
    }

    /**
     * Per-block Pearson correlation maps of the residuals, in the order R-G, R-B, G-B, one value per full block
     * (floor(width / block) x floor(height / block)); NaN where a block is flat.
     *
     * @throws IllegalArgumentException for a grey image, a block under 2 pixels, or an image smaller than one block
     */
    public static FloatMap[] blockMaps(FloatImage rgb, int block) {
        return compute(rgb, block, ProgressSink.NONE).maps();
    }

    /** The feature vector of computed correlations (see {@link #FEATURE_NAMES}). */
    public static double[] features(Correlations c) {
        int stride = STATS.size();
        double[] f = new double[3 * stride];
        for (int p = 0; p < 3; p++) {
            float[] d = c.maps()[p].data();
            double[] v = new double[d.length];
            int n = 0;
            for (float x : d) if (Float.isFinite(x)) v[n++] = x;
            v = Arrays.copyOf(v, n);
            Arrays.sort(v);
            int o = p * stride;
            if (n == 0) {
                // no block with a defined correlation: the block statistics are undefined (NaN), never 0
                Arrays.fill(f, o, o + stride, Double.NaN);
            } else {
                double mean = 0;
                for (double x : v) mean += x;
                mean /= n;
                double var = 0;
                for (double x : v) var += (x - mean) * (x - mean);
                f[o] = mean;
                f[o + 1] = Math.sqrt(var / n);
                for (int q = 0; q < QUANTILES.length; q++) f[o + 2 + q] = quantile(v, QUANTILES[q]);
            }
            f[o + stride - 1] = c.global()[p];
        }
        return f;
    }

    /** Linear-interpolation quantile (R type 7) of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) return sorted[sorted.length - 1];
        double f = pos - i;
        return sorted[i] * (1 - f) + sorted[i + 1] * f;
    }

    static Correlations compute(FloatImage rgb, int block, ProgressSink sink) {
        if (rgb.channels() < 3) throw new IllegalArgumentException("colour-channel correlation needs a colour image");
        if (block < 2) throw new IllegalArgumentException("block must be at least 2 pixels");
        int w = rgb.width(), h = rgb.height();
        int bx = w / block, by = h / block;
        if (bx == 0 || by == 0) {
            throw new IllegalArgumentException("image " + w + "x" + h + " is smaller than one " + block + "x" + block + " block");
        }
        float[] pr = rgb.plane(0), pg = rgb.plane(1), pb = rgb.plane(2);
        int bands = (h + block - 1) / block;
        // per band: the 9 sums (r, g, b, rr, gg, bb, rg, rb, gb) over all its pixels, for the global correlation
        double[][] bandSums = new double[bands][];
        float[][] maps = new float[3][bx * by];
        AtomicInteger done = new AtomicInteger();
        Parallel.forEach(bands, band -> {
            sink.checkCancelled();
            int y0 = band * block, y1 = Math.min(h, y0 + block), rows = y1 - y0;
            float[] scratch = new float[w];
            float[] rr = new float[rows * w], rg = new float[rows * w], rb = new float[rows * w];
            HighPass.residualRows(pr, w, h, y0, y1, rr, scratch);
            HighPass.residualRows(pg, w, h, y0, y1, rg, scratch);
            HighPass.residualRows(pb, w, h, y0, y1, rb, scratch);
            double[] total = new double[9];
            double[] s = new double[9];
            boolean fullBand = rows == block && band < by;
            int cols = (w + block - 1) / block;
            for (int c = 0; c < cols; c++) {
                int x0 = c * block, x1 = Math.min(w, x0 + block);
                Arrays.fill(s, 0);
                for (int y = 0; y < rows; y++) {
                    int o = y * w;
                    double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
                    for (int x = o + x0; x < o + x1; x++) {
                        float r = rr[x], g = rg[x], b = rb[x];
                        a0 += r; a1 += g; a2 += b;
                        a3 += r * r; a4 += g * g; a5 += b * b;
                        a6 += r * g; a7 += r * b; a8 += g * b;
                    }
                    s[0] += a0; s[1] += a1; s[2] += a2; s[3] += a3; s[4] += a4; s[5] += a5; s[6] += a6; s[7] += a7; s[8] += a8;
                }
                for (int k = 0; k < 9; k++) total[k] += s[k];
                if (fullBand && c < bx) {
                    int n = block * block;
                    float[] corr = pearson(s, n);
                    for (int p = 0; p < 3; p++) maps[p][band * bx + c] = corr[p];
                }
            }
            bandSums[band] = total;
            sink.progress((double) done.incrementAndGet() / bands);
        });
        double[] t = new double[9];
        for (double[] b : bandSums) for (int k = 0; k < 9; k++) t[k] += b[k];
        float[] g = pearson(t, (long) w * h);
        FloatMap[] out = new FloatMap[3];
        for (int p = 0; p < 3; p++) out[p] = new FloatMap(bx, by, maps[p]);
        return new Correlations(out, new double[]{g[0], g[1], g[2]});
    }

    /** Pearson correlations (rg, rb, gb) from the 9 sums over n pixels; NaN where a channel is flat. */
    private static float[] pearson(double[] s, long n) {
        double vr = s[3] - s[0] * s[0] / n, vg = s[4] - s[1] * s[1] / n, vb = s[5] - s[2] * s[2] / n;
        double flat = FLAT_VARIANCE * n;
        return new float[]{corr(s[6] - s[0] * s[1] / n, vr, vg, flat), corr(s[7] - s[0] * s[2] / n, vr, vb, flat),
                corr(s[8] - s[1] * s[2] / n, vg, vb, flat)};
    }

    private static float corr(double cov, double va, double vb, double flat) {
        if (va <= flat || vb <= flat) return Float.NaN;
        return (float) Math.max(-1, Math.min(1, cov / Math.sqrt(va * vb)));
    }
}
