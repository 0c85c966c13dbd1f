package org.provenant.indicators.pixel.copymove;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Groups block matches (source point -> destination point) into clusters that one affine map explains (RANSAC,
 * Fischler and Bolles 1981): a copied region, moved and perhaps slightly rotated or scaled, gives many matches
 * consistent with one map; chance matches between similar textures do not line up. Minimal samples are drawn
 * among matches whose sources lie close together, and only near-similarity maps are accepted (scale within
 * {@link #MIN_SCALE}..{@link #MAX_SCALE}, no mirror, little shear).
 */
final class AffineClusters {
    static final double MIN_SCALE = 0.7, MAX_SCALE = 1.4, MAX_ANISOTROPY = 1.25;
    static final int ITERATIONS = 600;
    static final double SAMPLE_RADIUS = 40;

    /** A cluster: its match indices and the map a*x + b*y + c, d*x + e*y + f. */
    record Cluster(int[] members, double[] affine) {
        double scale() { return Math.sqrt(Math.abs(affine[0] * affine[4] - affine[1] * affine[3])); }
        double rotationDegrees() { return Math.toDegrees(Math.atan2(affine[3] - affine[1], affine[0] + affine[4])); }
    }

    private AffineClusters() { }

    static List<Cluster> find(float[] sx, float[] sy, float[] dx, float[] dy, double tolerance, int minInliers,
                              double minShift, int maxClusters, long seed) {
        int n = sx.length;
        boolean[] used = new boolean[n];
        List<Cluster> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        while (out.size() < maxClusters) {
            int[] free = freeIndices(used);
            if (free.length < minInliers) break;
            double[] best = null;
            int bestCount = 0;
            for (int it = 0; it < ITERATIONS; it++) {
                int a = free[rnd.nextInt(free.length)];
                int[] near = new int[3];
                near[0] = a;
                int found = 1;
                for (int tries = 0; tries < 60 && found < 3; tries++) {
                    int c = free[rnd.nextInt(free.length)];
                    if (c == a || (found == 2 && c == near[1])) continue;
                    if (Math.hypot(sx[c] - sx[a], sy[c] - sy[a]) > SAMPLE_RADIUS) continue;
                    if (Math.hypot(sx[c] - sx[a], sy[c] - sy[a]) < 3) continue;
                    near[found++] = c;
                }
                if (found < 3) continue;
                double[] m = fit(sx, sy, dx, dy, near, 3);
                if (m == null || !plausible(m, sx[a], sy[a], minShift)) continue;
                int count = count(m, sx, sy, dx, dy, free, tolerance, null);
                if (count > bestCount) {
                    bestCount = count;
                    best = m;
                }
            }
            if (best == null || bestCount < minInliers) break;
            int[] members = new int[bestCount];
            count(best, sx, sy, dx, dy, free, tolerance, members);
            double[] refined = fit(sx, sy, dx, dy, members, members.length);
            if (refined != null && plausible(refined, sx[members[0]], sy[members[0]], minShift)) {
                int c2 = count(refined, sx, sy, dx, dy, free, tolerance, null);
                if (c2 >= bestCount) {
                    members = new int[c2];
                    count(refined, sx, sy, dx, dy, free, tolerance, members);
                    best = refined;
                }
            }
            for (int i : members) used[i] = true;
            if (members.length >= minInliers) out.add(new Cluster(members, best));
        }
        return out;
    }

    /**
     * The region pairs of a set of matches: {@link #find} the clusters (seed 7), {@link #merge} those of one pair of
     * regions (boxes widened by {@code margin}), and keep those whose regions do not overlap ({@link #separate}).
     */
    static List<Cluster> regionPairs(float[] sx, float[] sy, float[] dx, float[] dy, double tolerance, int minInliers,
                                     double minShift, int maxClusters, double margin) {
        return separate(merge(find(sx, sy, dx, dy, tolerance, minInliers, minShift, maxClusters, 7), sx, sy, dx, dy, margin),
                sx, sy, dx, dy);
    }

    /**
     * Joins clusters that describe the same pair of regions (their A boxes overlap and their B boxes overlap, or A
     * with B the other way round): one copied region can yield several clusters when its matches split between
     * slightly different maps or between the two directions. The first (largest) cluster's map is kept.
     */
    static List<Cluster> merge(List<Cluster> in, float[] sx, float[] sy, float[] dx, float[] dy, double margin) {
        List<Cluster> out = new ArrayList<>();
        List<double[][]> boxes = new ArrayList<>();
        for (Cluster c : in) {
            double[] a = box(c.members(), sx, sy, margin), b = box(c.members(), dx, dy, margin);
            int into = -1;
            for (int i = 0; i < out.size() && into < 0; i++) {
                double[][] o = boxes.get(i);
                if ((overlap(a, o[0]) && overlap(b, o[1])) || (overlap(a, o[1]) && overlap(b, o[0]))) into = i;
            }
            if (into < 0) {
                out.add(c);
                boxes.add(new double[][]{a, b});
                continue;
            }
            Cluster o = out.get(into);
            int[] m = java.util.Arrays.copyOf(o.members(), o.members().length + c.members().length);
            System.arraycopy(c.members(), 0, m, o.members().length, c.members().length);
            out.set(into, new Cluster(m, o.affine()));
            double[][] ob = boxes.get(into);
            boxes.set(into, new double[][]{union(ob[0], a), union(ob[1], b)});
        }
        return out;
    }

    /**
     * Keeps the clusters whose two regions do not overlap: a texture that repeats itself (brick, foliage, the 8-pixel
     * grid of JPEG blocks in a smooth sky) matches itself a few periods away, so its "source" and "copy" overlap; a
     * cloned object or patch lies elsewhere.
     */
    static List<Cluster> separate(List<Cluster> in, float[] sx, float[] sy, float[] dx, float[] dy) {
        List<Cluster> out = new ArrayList<>();
        for (Cluster c : in) {
            if (!overlap(box(c.members(), sx, sy, 0), box(c.members(), dx, dy, 0))) out.add(c);
        }
        return out;
    }

    private static double[] box(int[] members, float[] xs, float[] ys, double margin) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int i : members) {
            x0 = Math.min(x0, xs[i]); y0 = Math.min(y0, ys[i]);
            x1 = Math.max(x1, xs[i]); y1 = Math.max(y1, ys[i]);
        }
        return new double[]{x0 - margin, y0 - margin, x1 + margin, y1 + margin};
    }

    private static boolean overlap(double[] a, double[] b) {
        return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
    }

    private static double[] union(double[] a, double[] b) {
        return new double[]{Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])};
    }

    private static int[] freeIndices(boolean[] used) {
        int k = 0;
        for (boolean u : used) if (!u) k++;
        int[] f = new int[k];
        k = 0;
        for (int i = 0; i < used.length; i++) if (!used[i]) f[k++] = i;
        return f;
    }

    private static int count(double[] m, float[] sx, float[] sy, float[] dx, float[] dy, int[] idx, double tol, int[] into) {
        int c = 0;
        double t2 = tol * tol;
        for (int i : idx) {
            double px = m[0] * sx[i] + m[1] * sy[i] + m[2] - dx[i];
            double py = m[3] * sx[i] + m[4] * sy[i] + m[5] - dy[i];
            if (px * px + py * py <= t2) {
                if (into != null && c < into.length) into[c] = i;
                c++;
            }
        }
        return c;
    }

    static boolean plausible(double[] m, double x, double y, double minShift) {
        double det = m[0] * m[4] - m[1] * m[3];
        if (!(det > 0)) return false;
        double s = Math.sqrt(det);
        if (s < MIN_SCALE || s > MAX_SCALE) return false;
        // singular values of the linear part
        double e = (m[0] + m[4]) / 2, f = (m[0] - m[4]) / 2, g = (m[3] + m[1]) / 2, h = (m[3] - m[1]) / 2;
        double q = Math.hypot(e, h), r = Math.hypot(f, g);
        double s1 = q + r, s2 = Math.abs(q - r);
        if (s2 <= 0 || s1 / s2 > MAX_ANISOTROPY) return false;
        double tx = m[0] * x + m[1] * y + m[2] - x, ty = m[3] * x + m[4] * y + m[5] - y;
        return Math.hypot(tx, ty) >= minShift;
    }

    /** Least-squares affine map of the given matches; null when degenerate. */
    static double[] fit(float[] sx, float[] sy, float[] dx, float[] dy, int[] idx, int n) {
        double[][] ata = new double[3][3];
        double[] bx = new double[3], by = new double[3];
        for (int k = 0; k < n; k++) {
            int i = idx[k];
            double[] v = {sx[i], sy[i], 1};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) ata[r][c] += v[r] * v[c];
                bx[r] += v[r] * dx[i];
                by[r] += v[r] * dy[i];
            }
        }
        double[] a = solve(ata, bx, 1e-9), b = solve(ata, by, 1e-9);
        if (a == null || b == null) return null;
        return new double[]{a[0], a[1], a[2], b[0], b[1], b[2]};
    }

    /** Cramer's rule for a 3 x 3 system; null where |det| is below {@code minDet} (or 0). */
    static double[] solve(double[][] m, double[] v, double minDet) {
        double det = det3(m);
        if (Math.abs(det) < minDet || det == 0) return null;
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] t = {m[0].clone(), m[1].clone(), m[2].clone()};
            for (int r = 0; r < 3; r++) t[r][c] = v[r];
            out[c] = det3(t) / det;
        }
        return out;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
