package org.provenant.indicators.pixel.localization;

import org.provenant.core.image.FloatMap;

/**
 * The grid on which the localization cues are compared and fused: square cells of {@code cell} pixels (a multiple of
 * 8, so that cells hold whole JPEG blocks), about 48-64 cells on the image's longer side; the last column and row of
 * cells also take the remainder of fewer than {@code cell} pixels (as {@link Regions} maps cells onto the image).
 */
public record CellGrid(int cell, int width, int height, int gw, int gh) {
    /** Pixels per 8 cells of the longer side: a 384-pixel image gets 8-pixel cells, a 1024-pixel one 16. Our choice. */
    static final int SIDE_PER_STEP = 512;

    public static CellGrid of(int width, int height) {
        int cell = 8 * Math.max(1, (int) Math.round(Math.max(width, height) / (double) SIDE_PER_STEP));
        return new CellGrid(cell, width, height, Math.max(1, width / cell), Math.max(1, height / cell));
    }

    public int cells() {
        return gw * gh;
    }

    /** The cell column of image column x (the remainder goes to the last cell). */
    public int cx(int x) {
        return Math.min(gw - 1, x / cell);
    }

    public int cy(int y) {
        return Math.min(gh - 1, y / cell);
    }

    /** Mean of the finite values of a per-8x8-block array (blocksX x blocksY, block-major rows) in each cell. */
    public FloatMap fromBlocks(float[] perBlock, int blocksX, int blocksY) {
        double[] sum = new double[cells()];
        int[] n = new int[cells()];
        for (int by = 0; by < blocksY; by++) {
            int cy = cy(by * 8);
            for (int bx = 0; bx < blocksX; bx++) {
                float v = perBlock[by * blocksX + bx];
                if (!Float.isFinite(v)) continue;
                int c = cy * gw + cx(bx * 8);
                sum[c] += v;
                n[c]++;
            }
        }
        return means(sum, n);
    }

    /** Mean of the finite values of a per-pixel array (width x height) in each cell. */
    public FloatMap fromPixels(float[] perPixel) {
        double[] sum = new double[cells()];
        int[] n = new int[cells()];
        for (int y = 0; y < height; y++) {
            int row = cy(y) * gw;
            for (int x = 0; x < width; x++) {
                float v = perPixel[y * width + x];
                if (!Float.isFinite(v)) continue;
                sum[row + cx(x)] += v;
                n[row + cx(x)]++;
            }
        }
        return means(sum, n);
    }

    /** A map that covers the whole image (any size), averaged over its finite cells onto this grid. */
    public FloatMap fromMap(FloatMap m) {
        double[] sum = new double[cells()];
        int[] n = new int[cells()];
        for (int my = 0; my < m.height(); my++) {
            int y = (int) ((my + 0.5) * height / m.height());
            for (int mx = 0; mx < m.width(); mx++) {
                float v = m.get(mx, my);
                if (!Float.isFinite(v)) continue;
                int x = (int) ((mx + 0.5) * width / m.width());
                int c = cy(y) * gw + cx(x);
                sum[c] += v;
                n[c]++;
            }
        }
        FloatMap out = means(sum, n);
        if (m.width() < gw || m.height() < gh) {   // a coarser map: every cell takes the map cell it lies in
            for (int y = 0; y < gh; y++) {
                for (int x = 0; x < gw; x++) {
                    out.set(x, y, m.get(Math.min(m.width() - 1, (int) ((x + 0.5) * cell * m.width() / width)),
                            Math.min(m.height() - 1, (int) ((y + 0.5) * cell * m.height() / height))));
                }
            }
        }
        return out;
    }

    private FloatMap means(double[] sum, int[] n) {
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) out[i] = n[i] == 0 ? Float.NaN : (float) (sum[i] / n[i]);
        return new FloatMap(gw, gh, out);
    }
}
