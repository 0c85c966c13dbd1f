package org.provenant.indicators.pixel.pixelkit;

import java.util.function.IntPredicate;

/**
 * A k-d tree over feature vectors for nearest-neighbour search that can skip points during the search (copy-move
 * detection skips the blocks next to the query block, which always look alike). Hand-written because the search
 * with a skip predicate is what matters here; Tribuo's KDTree answers plain k-NN only, so it would return the
 * query's own neighbourhood.
 */
public final class KdTree {
    private final float[][] points;
    private final int[] index;
    private final int[] splitDim;
    private final int dims;
    /** The points in tree order (position i holds point index[i]), one after another: the search reads memory in order. */
    private final float[] flat;

    public KdTree(float[][] points) {
        this.points = points;
        this.dims = points.length == 0 ? 0 : points[0].length;
        this.index = new int[points.length];
        for (int i = 0; i < index.length; i++) index[i] = i;
        this.splitDim = new int[points.length];
        build(0, points.length, 0);
        this.flat = new float[points.length * dims];
        for (int i = 0; i < index.length; i++) System.arraycopy(points[index[i]], 0, flat, i * dims, dims);
    }

    private void build(int lo, int hi, int depth) {
        if (hi - lo <= 1) return;
        // split on the dimension of largest spread (sampled) at the median
        int best = depth % dims;
        float bestSpread = -1;
        int stepN = Math.max(1, (hi - lo) / 64);
        for (int d = 0; d < dims; d++) {
            float mn = Float.POSITIVE_INFINITY, mx = Float.NEGATIVE_INFINITY;
            for (int i = lo; i < hi; i += stepN) {
                float v = points[index[i]][d];
                mn = Math.min(mn, v);
                mx = Math.max(mx, v);
            }
            if (mx - mn > bestSpread) {
                bestSpread = mx - mn;
                best = d;
            }
        }
        int mid = (lo + hi) >>> 1;
        select(lo, hi - 1, mid, best);
        splitDim[mid] = best;
        build(lo, mid, depth + 1);
        build(mid + 1, hi, depth + 1);
    }

    private void select(int lo, int hi, int k, int d) {
        while (hi > lo) {
            float pivot = points[index[(lo + hi) >>> 1]][d];
            int i = lo, j = hi;
            while (i <= j) {
                while (points[index[i]][d] < pivot) i++;
                while (points[index[j]][d] > pivot) j--;
                if (i <= j) {
                    int t = index[i]; index[i] = index[j]; index[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return;
        }
    }

    /**
     * The k nearest points to q (squared Euclidean distance) among those {@code skip} does not reject, nearest
     * first; fewer when there are fewer.
     *
     * @param outIndex  receives point indices (length >= k)
     * @param outDist   receives squared distances
     * @return how many were found
     */
    public int nearest(float[] q, int k, IntPredicate skip, int[] outIndex, float[] outDist) {
        return nearest(q, k, skip, outIndex, outDist, Integer.MAX_VALUE);
    }

    /**
     * As {@link #nearest(float[], int, IntPredicate, int[], float[])}, but visiting at most {@code budget} points:
     * an approximate search (the nearer side of every split first) whose time is bounded even when the skipped
     * points crowd the query's neighbourhood.
     */
    public int nearest(float[] q, int k, IntPredicate skip, int[] outIndex, float[] outDist, int budget) {
        int[] n = {0, budget};
        for (int i = 0; i < k; i++) outDist[i] = Float.POSITIVE_INFINITY;
        search(0, points.length, q, k, skip, outIndex, outDist, n);
        return n[0];
    }

    /** n[0]: found so far, n[1]: visits left. */
    private void search(int lo, int hi, float[] q, int k, IntPredicate skip, int[] oi, float[] od, int[] n) {
        if (hi <= lo || n[1] <= 0) return;
        n[1]--;
        int mid = (lo + hi) >>> 1;
        int p = index[mid], o = mid * dims;
        if (!skip.test(p)) {
            // the sum only grows: once it reaches the k-th distance the point cannot enter (same result, fewer steps)
            float d2 = 0, bound = n[0] < k ? Float.POSITIVE_INFINITY : od[k - 1];
            for (int d = 0; d < dims && d2 < bound; d++) {
                float t = flat[o + d] - q[d];
                d2 += t * t;
            }
            if (n[0] < k || d2 < od[k - 1]) insert(p, d2, k, oi, od, n);
        }
        if (hi - lo == 1) return;
        int d = splitDim[mid];
        float diff = q[d] - flat[o + d];
        int nlo = diff < 0 ? lo : mid + 1, nhi = diff < 0 ? mid : hi;
        int flo = diff < 0 ? mid + 1 : lo, fhi = diff < 0 ? hi : mid;
        search(nlo, nhi, q, k, skip, oi, od, n);
        if (n[0] < k || diff * diff < od[k - 1]) search(flo, fhi, q, k, skip, oi, od, n);
    }

    private static void insert(int p, float d2, int k, int[] oi, float[] od, int[] n) {
        int i = Math.min(n[0], k - 1);
        while (i > 0 && od[i - 1] > d2) {
            od[i] = od[i - 1];
            oi[i] = oi[i - 1];
            i--;
        }
        od[i] = d2;
        oi[i] = p;
        if (n[0] < k) n[0]++;
    }
}
