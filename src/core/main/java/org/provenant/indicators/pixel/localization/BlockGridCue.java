package org.provenant.indicators.pixel.localization;

import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;

/**
 * The JPEG block grid, cell by cell (after the block artifact grid of Li, Yuan and Yu, Pattern Recognition 2009): in
 * a JPEG-compressed image the luma steps across the 8x8 block boundaries (between columns 8k+7 and 8k+8) are larger
 * than the steps inside the blocks. Per cell, over the 3x3 cells around it, the horizontal and vertical steps are
 * summed by their position modulo 8:
 * <ul>
 * <li>{@code aligned}: log of the boundary step over the mean step at the seven other positions (x and y averaged):
 *     high where the content went through the image's compression; a pasted, generated or smoothed region that
 *     missed an earlier compression shows less of it;</li>
 * <li>{@code shifted}: the same log ratio at the strongest of the seven other positions: a region carrying its own,
 *     shifted grid (cut from another JPEG and pasted off the grid) shows one there.</li>
 * </ul>
 */
final class BlockGridCue {
    private BlockGridCue() { }

    /** {aligned, shifted} on the grid; NaN where the window holds no step at all (a flat area). */
    static FloatMap[] measure(FloatImage grey, CellGrid grid) {
        int w = grey.width(), h = grey.height(), gw = grid.gw(), gh = grid.gh();
        float[] p = grey.plane(0);
        double[][] sx = new double[gw * gh][8], sy = new double[gw * gh][8];
        for (int y = 0; y < h - 1; y++) {
            int row = grid.cy(y) * gw, o = y * w;
            for (int x = 0; x < w - 1; x++) {
                int c = row + grid.cx(x);
                sx[c][x & 7] += Math.abs(p[o + x + 1] - p[o + x]);
                sy[c][y & 7] += Math.abs(p[o + w + x] - p[o + x]);
            }
        }
        float[] aligned = new float[gw * gh], shifted = new float[gw * gh];
        for (int cy = 0; cy < gh; cy++) {
            for (int cx = 0; cx < gw; cx++) {
                double[] ax = new double[8], ay = new double[8];
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = cx + dx, yy = cy + dy;
                        if (xx < 0 || yy < 0 || xx >= gw || yy >= gh) continue;
                        for (int k = 0; k < 8; k++) {
                            ax[k] += sx[yy * gw + xx][k];
                            ay[k] += sy[yy * gw + xx][k];
                        }
                    }
                }
                double[] rx = ratios(ax), ry = ratios(ay);
                int i = cy * gw + cx;
                aligned[i] = (float) ((rx[7] + ry[7]) / 2);
                double bx = Double.NEGATIVE_INFINITY, by = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 7; k++) {
                    bx = Math.max(bx, rx[k]);
                    by = Math.max(by, ry[k]);
                }
                shifted[i] = (float) ((bx + by) / 2);
            }
        }
        return new FloatMap[]{new FloatMap(gw, gh, aligned), new FloatMap(gw, gh, shifted)};
    }

    /** Per position k: log(s_k / mean of the other seven); NaN when there is no step at all. */
    static double[] ratios(double[] s) {
        double total = 0;
        for (double v : s) total += v;
        double[] r = new double[8];
        for (int k = 0; k < 8; k++) {
            double others = (total - s[k]) / 7;
            r[k] = total <= 1e-9 ? Double.NaN : Math.log((s[k] + 1e-6) / (others + 1e-6));
        }
        return r;
    }
}
