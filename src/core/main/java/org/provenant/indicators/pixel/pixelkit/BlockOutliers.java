package org.provenant.indicators.pixel.pixelkit;

import java.util.Arrays;
import java.util.List;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.features.Regions;

/**
 * Robust outlier regions of a block map against the image's own level: each block's value becomes a robust
 * z-score (value minus the median, over 1.4826 times the median absolute deviation), and 4-connected blocks beyond
 * a z limit form regions. An edit shows as a region that departs from the rest of the same image; a camera
 * original's blocks scatter around its own level.
 */
public final class BlockOutliers {
    /** Fewer finite blocks than this: the statistic is not defined ("not enough texture"). */
    public static final int MIN_BLOCKS = 16;
    /**
     * Floor of the spread (in the units of the values, e.g. natural log): when most blocks are equal (an upscaled,
     * synthetic or heavily quantized picture) the MAD is near 0 and every small difference would become a huge z.
     * 0.1 = a tenth of the level in log units. Our choice.
     */
    public static final double MIN_SPREAD = 0.1;

    private BlockOutliers() { }

    /**
     * @param zMap        robust z per block (NaN where the block has no value)
     * @param median      median of the finite values
     * @param spread      1.4826 x MAD of the finite values
     * @param finite      number of finite blocks
     */
    public record Z(FloatMap zMap, double median, double spread, int finite) {
        public boolean defined() {
            return finite >= MIN_BLOCKS && Double.isFinite(spread);
        }
    }

    /**
     * The most departing region.
     *
     * @param meanZ   mean z over its blocks (signed)
     * @param blocks  its size in blocks
     * @param score   |meanZ| x sqrt(blocks / {@code minBlocks}) capped below at 0: grows with both departure and size
     * @param region  its outline in image pixels
     */
    public record Departure(double meanZ, int blocks, double score, Regions.Region region) { }

    public static Z robustZ(FloatMap values) {
        float[] d = values.data();
        double[] v = new double[d.length];
        int n = 0;
        for (float x : d) if (Float.isFinite(x)) v[n++] = x;
        if (n == 0) return new Z(new FloatMap(values.width(), values.height(), nanArray(d.length)), Double.NaN, Double.NaN, 0);
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        double med = median(s);
        for (int i = 0; i < n; i++) s[i] = Math.abs(s[i] - med);
        Arrays.sort(s);
        double spread = Math.max(MIN_SPREAD, 1.4826 * median(s));
        float[] z = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            z[i] = Float.isFinite(d[i]) && spread > 0 ? (float) ((d[i] - med) / spread) : Float.NaN;
        }
        return new Z(new FloatMap(values.width(), values.height(), z), med, spread, n);
    }

    /**
     * The region of blocks with z at or beyond {@code limit} (upwards when sign > 0, downwards when sign < 0, both
     * when 0) with the highest {@link Departure#score}; null when no region has at least {@code minBlocks} blocks.
     */
    public static Departure strongest(FloatMap z, double limit, int sign, int minBlocks, int imageWidth, int imageHeight) {
        Departure best = null;
        for (int dir : sign == 0 ? new int[]{1, -1} : new int[]{sign}) {
            float[] f = new float[z.data().length];
            for (int i = 0; i < f.length; i++) f[i] = Float.isFinite(z.data()[i]) ? dir * z.data()[i] : Float.NaN;
            FloatMap signed = new FloatMap(z.width(), z.height(), f);
            List<Regions.Region> regions = Regions.find(signed, limit, imageWidth, imageHeight);
            double cellArea = (double) imageWidth * imageHeight / (z.width() * (double) z.height());
            for (Regions.Region r : regions) {
                int blocks = (int) Math.round(r.area() / cellArea);
                if (blocks < minBlocks) continue;
                double score = r.mean() * Math.sqrt((double) blocks / minBlocks);
                if (best == null || score > best.score()) best = new Departure(dir * r.mean(), blocks, score, r);
            }
        }
        return best;
    }

    /**
     * The blocks of every 4-connected group of at least {@code minBlocks} blocks beyond the z limit (upwards and
     * downwards separately), with their z; NaN elsewhere. This is what the headline's region is chosen from.
     */
    public static FloatMap departingMap(FloatMap z, double limit, int minBlocks) {
        int w = z.width(), h = z.height();
        float[] d = z.data(), out = new float[d.length];
        Arrays.fill(out, Float.NaN);
        int[] seen = new int[d.length];
        int[] queue = new int[d.length];
        for (int start = 0; start < d.length; start++) {
            if (seen[start] != 0 || !(Math.abs(d[start]) >= limit)) continue;
            float sign = Math.signum(d[start]);
            int head = 0, tail = 0;
            queue[tail++] = start;
            seen[start] = 1;
            while (head < tail) {
                int i = queue[head++], x = i % w, y = i / w;
                int[] nb = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
                for (int j : nb) {
                    if (j >= 0 && seen[j] == 0 && sign * d[j] >= limit) {
                        seen[j] = 1;
                        queue[tail++] = j;
                    }
                }
            }
            if (tail >= minBlocks) for (int k = 0; k < tail; k++) out[queue[k]] = d[queue[k]];
        }
        return new FloatMap(w, h, out);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static float[] nanArray(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }
}
