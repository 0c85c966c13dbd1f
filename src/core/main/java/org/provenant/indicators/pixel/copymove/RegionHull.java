package org.provenant.indicators.pixel.copymove;

import java.util.Arrays;

/**
 * The region a group of matched points covers: their convex hull (Andrew's monotone chain) widened by a margin, as
 * cells of a map grid. Keypoints lie inside a copied region, not on its border, so the hull alone falls short of it.
 */
final class RegionHull {
    private RegionHull() { }

    /**
     * The map cells (index y * mw + x, cells of {@code cell} analysed pixels) whose centre lies in the hull of the
     * given points or within {@code widen} analysed pixels of it.
     */
    static int[] cells(float[] xs, float[] ys, int[] members, double widen, int cell, int mw, int mh) {
        double[][] hull = hull(xs, ys, members);
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (double[] q : hull) {
            x0 = Math.min(x0, q[0]); x1 = Math.max(x1, q[0]);
            y0 = Math.min(y0, q[1]); y1 = Math.max(y1, q[1]);
        }
        int cx0 = Math.max(0, (int) ((x0 - widen) / cell)), cx1 = Math.min(mw - 1, (int) ((x1 + widen) / cell));
        int cy0 = Math.max(0, (int) ((y0 - widen) / cell)), cy1 = Math.min(mh - 1, (int) ((y1 + widen) / cell));
        int[] out = new int[Math.max(0, (cx1 - cx0 + 1) * (cy1 - cy0 + 1))];
        int k = 0;
        for (int cy = cy0; cy <= cy1; cy++) {
            for (int cx = cx0; cx <= cx1; cx++) {
                double px = (cx + 0.5) * cell, py = (cy + 0.5) * cell;
                if (inside(hull, px, py) || distance(hull, px, py) <= widen) out[k++] = cy * mw + cx;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** The convex hull, counter-clockwise in image coordinates (y down: clockwise on screen), no point repeated. */
    static double[][] hull(float[] xs, float[] ys, int[] members) {
        int n = members.length;
        double[][] p = new double[n][];
        for (int k = 0; k < n; k++) p[k] = new double[]{xs[members[k]], ys[members[k]]};
        Arrays.sort(p, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        if (n < 3) return p;
        double[][] h = new double[2 * n][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
            h[k++] = p[i];
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
            h[k++] = p[i];
        }
        return Arrays.copyOf(h, Math.max(1, k - 1));
    }

    private static boolean inside(double[][] hull, double x, double y) {
        if (hull.length < 3) return false;
        for (int i = 0; i < hull.length; i++) {
            double[] a = hull[i], b = hull[(i + 1) % hull.length];
            if ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) < 0) return false;
        }
        return true;
    }

    private static double distance(double[][] hull, double x, double y) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < hull.length; i++) {
            double[] a = hull[i], b = hull[(i + 1) % hull.length];
            double vx = b[0] - a[0], vy = b[1] - a[1], len = vx * vx + vy * vy;
            double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * vx + (y - a[1]) * vy) / len));
            best = Math.min(best, Math.hypot(a[0] + t * vx - x, a[1] + t * vy - y));
        }
        return best;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
