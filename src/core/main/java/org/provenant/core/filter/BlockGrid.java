package org.provenant.core.filter;

/**
 * Finds an 8x8 block grid (classic JPEG, also after cropping, so at any phase) in the pixels. Along each axis the mean
 * absolute step between neighbouring pixels is averaged per phase (x mod 8); a block grid makes one phase, the block
 * boundary, step more than every other. The strength along an axis is the margin of the strongest phase over the
 * second strongest, relative to the mean step: a 2- or 4-periodic pattern (upsampling) raises several phases alike
 * and gives no margin; content without a grid gives a margin near 0.
 *
 * @param strength  the smaller of the two axes' margins (both axes must show the grid)
 * @param phaseX    block-boundary column phase (x mod 8 of the last column of a block)
 * @param phaseY    block-boundary row phase
 */
public record BlockGrid(double strength, int phaseX, int phaseY) {
    public static final int BLOCK = 8;

    /** Measures the grid on a grey plane of w x h pixels (any value scale). NaN strength for images under 2 blocks or flat. */
    public static BlockGrid measure(float[] grey, int w, int h) {
        if (w < 2 * BLOCK || h < 2 * BLOCK) return new BlockGrid(Double.NaN, -1, -1);
        double[] ax = new double[BLOCK], ay = new double[BLOCK];
        long[] nx = new long[BLOCK], ny = new long[BLOCK];
        for (int y = 0; y < h; y++) {
            int o = y * w;
            for (int x = 0; x + 1 < w; x++) {
                ax[x % BLOCK] += Math.abs(grey[o + x + 1] - grey[o + x]);
                nx[x % BLOCK]++;
            }
            if (y + 1 < h) {
                int p = y % BLOCK;
                double s = 0;
                for (int x = 0; x < w; x++) s += Math.abs(grey[o + w + x] - grey[o + x]);
                ay[p] += s;
                ny[p] += w;
            }
        }
        double[] mx = margin(ax, nx), my = margin(ay, ny);
        return new BlockGrid(Math.min(mx[0], my[0]), (int) mx[1], (int) my[1]);
    }

    /** {margin of the strongest phase over the second, relative to the mean; that phase}. */
    private static double[] margin(double[] sum, long[] n) {
        double[] a = new double[BLOCK];
        double mean = 0;
        for (int p = 0; p < BLOCK; p++) {
            a[p] = n[p] == 0 ? 0 : sum[p] / n[p];
            mean += a[p] / BLOCK;
        }
        int best = 0;
        for (int p = 1; p < BLOCK; p++) if (a[p] > a[best]) best = p;
        double second = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < BLOCK; p++) if (p != best) second = Math.max(second, a[p]);
        if (!(mean > 0)) return new double[]{Double.NaN, -1};
        return new double[]{(a[best] - second) / mean, best};
    }
}
