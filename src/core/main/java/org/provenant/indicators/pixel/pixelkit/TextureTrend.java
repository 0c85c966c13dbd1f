package org.provenant.indicators.pixel.pixelkit;

import java.util.Arrays;

/**
 * Compares like with like: many block statistics (a re-save error, a noise estimate) grow with the block's texture
 * in any picture. This fits the image's own trend of a log statistic against log texture (medians over
 * {@link #BINS} equal-count texture bins, joined linearly) and returns each block's departure from it, so that a
 * block is judged against blocks of similar texture in the same image.
 */
public final class TextureTrend {
    static final int BINS = 12;

    private TextureTrend() { }

    /** value - trend(texture) per block; NaN where either is NaN or there are too few blocks for a trend. */
    public static float[] residuals(float[] logValue, float[] logTexture) {
        int n = 0;
        for (int i = 0; i < logValue.length; i++) if (Float.isFinite(logValue[i]) && Float.isFinite(logTexture[i])) n++;
        float[] out = new float[logValue.length];
        Arrays.fill(out, Float.NaN);
        if (n < 2 * BINS) return out;
        long[] packed = new long[n];
        int k = 0;
        for (int i = 0; i < logValue.length; i++) {
            if (Float.isFinite(logValue[i]) && Float.isFinite(logTexture[i])) {
                // sortable by texture: an order-preserving int of the float in the high half, the index in the low
                int bits = Float.floatToIntBits(logTexture[i]);
                int key = bits ^ ((bits >> 31) & 0x7fffffff);
                packed[k++] = ((long) key << 32) | i;
            }
        }
        Arrays.sort(packed);
        double[] cx = new double[BINS], cy = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            int lo = (int) ((long) b * n / BINS), hi = (int) ((long) (b + 1) * n / BINS);
            float[] xs = new float[hi - lo], ys = new float[hi - lo];
            for (int j = lo; j < hi; j++) {
                int i = (int) (packed[j] & 0xffffffffL);
                xs[j - lo] = logTexture[i];
                ys[j - lo] = logValue[i];
            }
            Arrays.sort(xs);
            Arrays.sort(ys);
            cx[b] = xs[xs.length / 2];
            cy[b] = ys[ys.length / 2];
        }
        for (int i = 0; i < logValue.length; i++) {
            if (!Float.isFinite(logValue[i]) || !Float.isFinite(logTexture[i])) continue;
            out[i] = (float) (logValue[i] - trend(cx, cy, logTexture[i]));
        }
        return out;
    }

    /** Piecewise linear through the bin medians, extended along the first and last segment. */
    static double trend(double[] cx, double[] cy, double x) {
        int b = 1;
        while (b < cx.length - 1 && x > cx[b]) b++;
        double span = cx[b] - cx[b - 1];
        return span <= 0 ? cy[b] : cy[b - 1] + (cy[b] - cy[b - 1]) * (x - cx[b - 1]) / span;
    }
}
