package org.provenant.indicators.pixel.copymove;

import boofcv.abst.feature.detdesc.ConfigCompleteSift;
import boofcv.abst.feature.detdesc.DetectDescribePoint;
import boofcv.factory.feature.detdesc.FactoryDetectDescribe;
import boofcv.struct.feature.TupleDesc_F64;
import boofcv.struct.image.GrayF32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.provenant.core.filter.Parallel;

/**
 * Keypoint matches within one image for copy-move detection (Amerini, Ballan, Caldelli, Del Bimbo and Serra, "A
 * SIFT-based forensic method for copy-move attack detection", IEEE TIFS 2011): SIFT keypoints (Lowe 2004, through
 * BoofCV) are found at every scale and described relative to their own scale and orientation, so a copy that was
 * resized or turned still meets its source, which fixed-size blocks do not once the scale departs from 1 by more
 * than about 10 %. Each keypoint's nearest look-alike elsewhere is a match when it is clearly nearer than the
 * second, distinct look-alike (the ratio test); the matches then go to {@link AffineClusters} like the block matches.
 */
final class KeypointMatches {
    /** Most keypoints described (the strongest): the brute-force matching stays about a second on two cores. */
    static final int MAX_KEYPOINTS = 4000;
    /** Nearest look-alike over the second, distinct one (descriptor distance). */
    static final double RATIO = 0.6;
    /** Two keypoints closer than this (pixels) are one point found twice (another orientation or scale). */
    static final double SAME_POINT = 2;

    /** The matches, source (earlier in raster order) to destination, in the plane's pixels; keypoints found. */
    record Matches(float[] sx, float[] sy, float[] dx, float[] dy, int keypoints) {
        int size() { return sx.length; }
    }

    private KeypointMatches() { }

    /**
     * @param p the grey plane in 8-bit levels, row by row
     * @param minShift a match's two keypoints lie at least this far apart (pixels)
     * @param cancelled checked between chunks of work; throws to stop
     */
    static Matches find(float[] p, int w, int h, double minShift, Runnable cancelled) {
        GrayF32 g = new GrayF32(w, h);
        System.arraycopy(p, 0, g.data, 0, w * h);
        ConfigCompleteSift cfg = new ConfigCompleteSift();
        cfg.scaleSpace.firstOctave = 0;
        cfg.detector.maxFeaturesAll = MAX_KEYPOINTS;
        DetectDescribePoint<GrayF32, TupleDesc_F64> sift = FactoryDetectDescribe.sift(cfg, GrayF32.class);
        sift.detect(g);
        cancelled.run();
        int n = sift.getNumberOfFeatures();
        float[] x = new float[n], y = new float[n];
        float[][] d = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = (float) sift.getLocation(i).x;
            y[i] = (float) sift.getLocation(i).y;
            d[i] = unit(sift.getDescription(i).data);
        }
        int[] match = new int[n];
        Arrays.fill(match, -1);
        Parallel.forEach((n + 255) / 256, chunk -> {
            cancelled.run();
            float[] dist = new float[n];
            for (int i = chunk * 256; i < Math.min(n, (chunk + 1) * 256); i++) match[i] = lookAlike(i, x, y, d, dist, minShift);
        });
        return pairs(match, x, y, n);
    }

    /** Keypoint i's look-alike at least minShift away that passes the ratio test, or -1. */
    private static int lookAlike(int i, float[] x, float[] y, float[][] d, float[] dist, double minShift) {
        int n = x.length, best = -1;
        float b1 = Float.MAX_VALUE;
        double same2 = SAME_POINT * SAME_POINT;
        for (int j = 0; j < n; j++) {
            dist[j] = Float.NaN;
            if (j == i || squared(x[j] - x[i], y[j] - y[i]) < same2) continue;
            dist[j] = squared(d[i], d[j]);
            if (dist[j] < b1) { b1 = dist[j]; best = j; }
        }
        if (best < 0 || squared(x[best] - x[i], y[best] - y[i]) < minShift * minShift) return -1;
        float b2 = Float.MAX_VALUE;
        for (int j = 0; j < n; j++) {
            if (j == best || Float.isNaN(dist[j]) || squared(x[j] - x[best], y[j] - y[best]) < 4 * same2) continue;
            b2 = Math.min(b2, dist[j]);
        }
        return b2 == Float.MAX_VALUE || Math.sqrt(b1) < RATIO * Math.sqrt(b2) ? best : -1;
    }

    /** Each matched pair once, ordered source (earlier in raster order) to destination. */
    private static Matches pairs(int[] match, float[] x, float[] y, int n) {
        List<float[]> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (match[i] < 0) continue;
            int s = Math.min(i, match[i]), t = Math.max(i, match[i]);
            if (!seen.add(((long) s << 32) | t)) continue;
            if (y[s] > y[t] || (y[s] == y[t] && x[s] > x[t])) { int u = s; s = t; t = u; }
            out.add(new float[]{x[s], y[s], x[t], y[t]});
        }
        int m = out.size();
        float[] sx = new float[m], sy = new float[m], dx = new float[m], dy = new float[m];
        for (int i = 0; i < m; i++) {
            float[] q = out.get(i);
            sx[i] = q[0]; sy[i] = q[1]; dx[i] = q[2]; dy[i] = q[3];
        }
        return new Matches(sx, sy, dx, dy, n);
    }

    private static float[] unit(double[] v) {
        double norm = 0;
        for (double q : v) norm += q * q;
        norm = Math.sqrt(Math.max(norm, 1e-12));
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) f[k] = (float) (v[k] / norm);
        return f;
    }

    private static double squared(double dx, double dy) {
        return dx * dx + dy * dy;
    }

    private static float squared(float[] a, float[] b) {
        float acc = 0;
        for (int k = 0; k < a.length; k++) {
            float e = a[k] - b[k];
            acc += e * e;
        }
        return acc;
    }
}
