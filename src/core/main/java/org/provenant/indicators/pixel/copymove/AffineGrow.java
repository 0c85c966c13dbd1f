package org.provenant.indicators.pixel.copymove;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.provenant.core.image.FloatMap;

/**
 * The extent of a copied region once its move is known (after Pan and Lyu, "Region duplication detection using image
 * feature matching", IEEE TIFS 2010): matched keypoints lie inside a copy, not along its border, so their hull falls
 * short of it. With the cluster's affine map, every cell near the hull is compared with the place the map sends it to
 * (normalised correlation of a small window, the window warped by the map); the cells that match and join the hull
 * make region A, and their images under the map region B.
 */
final class AffineGrow {
    /** Window radius (analysed pixels) and the correlation a cell needs to join. */
    static final int WINDOW = 4;
    static final double MIN_CORRELATION = 0.8;
    /** Windows flatter than this (standard deviation, 8-bit levels) say nothing and do not join. */
    static final double MIN_STD = 2;
    /** How far beyond the hull the region may grow (analysed pixels). */
    static final double REACH = 48;

    private AffineGrow() { }

    /**
     * Regions A and B as map cells (index y * mw + x, cells of {@code cell} analysed pixels).
     *
     * @param hullA the cells of the hull of the cluster's source points (they always belong to A)
     * @param m the map a*x + b*y + c, d*x + e*y + f from A to B
     */
    static int[][] regions(float[] p, int w, int h, double[] m, int[] hullA, int cell, int mw, int mh) {
        FloatMap plane = new FloatMap(w, h, p);
        boolean[] inA = new boolean[mw * mh];
        int x0 = mw, y0 = mh, x1 = -1, y1 = -1;
        for (int i : hullA) {
            inA[i] = true;
            x0 = Math.min(x0, i % mw); x1 = Math.max(x1, i % mw);
            y0 = Math.min(y0, i / mw); y1 = Math.max(y1, i / mw);
        }
        if (x1 < 0) return new int[][]{new int[0], new int[0]};
        int reach = (int) Math.ceil(REACH / cell);
        int bx0 = Math.max(0, x0 - reach), bx1 = Math.min(mw - 1, x1 + reach);
        int by0 = Math.max(0, y0 - reach), by1 = Math.min(mh - 1, y1 + reach);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i : hullA) queue.add(i);
        boolean[] tried = inA.clone();
        while (!queue.isEmpty()) {
            int c = queue.poll(), cx = c % mw, cy = c / mw;
            for (int k = 0; k < 4; k++) {
                int nx = cx + (k == 0 ? 1 : k == 1 ? -1 : 0), ny = cy + (k == 2 ? 1 : k == 3 ? -1 : 0);
                if (nx < bx0 || nx > bx1 || ny < by0 || ny > by1) continue;
                int n = ny * mw + nx;
                if (tried[n]) continue;
                tried[n] = true;
                if (correlation(plane, m, (nx + 0.5) * cell, (ny + 0.5) * cell) >= MIN_CORRELATION) {
                    inA[n] = true;
                    queue.add(n);
                }
            }
        }
        int[] a = indices(inA);
        return new int[][]{a, image(inA, m, cell, mw, mh)};
    }

    /** Normalised correlation of the window at (x, y) with its image under the map; -1 where either is flat or outside. */
    static double correlation(FloatMap plane, double[] m, double x, double y) {
        for (int corner = 0; corner < 4; corner++) {
            // both windows lie inside the plane when their corners do (the map's image of a square is a parallelogram)
            double ax = x + ((corner & 1) == 0 ? -WINDOW : WINDOW), ay = y + ((corner & 2) == 0 ? -WINDOW : WINDOW);
            if (!inside(plane, ax, ay) || !inside(plane, m[0] * ax + m[1] * ay + m[2], m[3] * ax + m[4] * ay + m[5])) return -1;
        }
        int n = (2 * WINDOW + 1) * (2 * WINDOW + 1);
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int j = -WINDOW; j <= WINDOW; j++) {
            for (int i = -WINDOW; i <= WINDOW; i++) {
                double ax = x + i, ay = y + j;
                double va = plane.sample(ax, ay), vb = plane.sample(m[0] * ax + m[1] * ay + m[2], m[3] * ax + m[4] * ay + m[5]);
                sa += va; sb += vb; saa += va * va; sbb += vb * vb; sab += va * vb;
            }
        }
        double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
        if (va < MIN_STD * MIN_STD * n || vb < MIN_STD * MIN_STD * n) return -1;
        return (sab - sa * sb / n) / Math.sqrt(va * vb);
    }

    /** Whether a bilinear sample at (x, y) (pixel k's value at k + 0.5) needs no pixel outside the plane. */
    private static boolean inside(FloatMap plane, double x, double y) {
        return x >= 0.5 && y >= 0.5 && x < plane.width() - 0.5 && y < plane.height() - 0.5;
    }

    /** The cells of B: those whose centre the inverse map sends into a cell of A. */
    private static int[] image(boolean[] inA, double[] m, int cell, int mw, int mh) {
        double det = m[0] * m[4] - m[1] * m[3];
        if (det == 0) return new int[0];
        double ia = m[4] / det, ib = -m[1] / det, id = -m[3] / det, ie = m[0] / det;
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int i = 0; i < inA.length; i++) {
            if (!inA[i]) continue;
            for (int corner = 0; corner < 4; corner++) {
                double ax = (i % mw + (corner & 1)) * cell, ay = (i / mw + (corner >> 1)) * cell;
                double bx = m[0] * ax + m[1] * ay + m[2], by = m[3] * ax + m[4] * ay + m[5];
                x0 = Math.min(x0, bx); x1 = Math.max(x1, bx); y0 = Math.min(y0, by); y1 = Math.max(y1, by);
            }
        }
        boolean[] inB = new boolean[inA.length];
        for (int cy = Math.max(0, (int) (y0 / cell)); cy <= Math.min(mh - 1, (int) (y1 / cell)); cy++) {
            for (int cx = Math.max(0, (int) (x0 / cell)); cx <= Math.min(mw - 1, (int) (x1 / cell)); cx++) {
                double bx = (cx + 0.5) * cell - m[2], by = (cy + 0.5) * cell - m[5];
                int ax = (int) Math.floor((ia * bx + ib * by) / cell), ay = (int) Math.floor((id * bx + ie * by) / cell);
                if (ax >= 0 && ay >= 0 && ax < mw && ay < mh && inA[ay * mw + ax]) inB[cy * mw + cx] = true;
            }
        }
        return indices(inB);
    }

    private static int[] indices(boolean[] in) {
        int[] out = new int[in.length];
        int k = 0;
        for (int i = 0; i < in.length; i++) if (in[i]) out[k++] = i;
        return Arrays.copyOf(out, k);
    }
}
