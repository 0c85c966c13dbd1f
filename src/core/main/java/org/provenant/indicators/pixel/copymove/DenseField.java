package org.provenant.indicators.pixel.copymove;

import java.util.SplittableRandom;

/**
 * Dense-field copy-move detection (after Cozzolino, Poggi and Verdoliva, "Efficient dense-field copy-move forgery
 * detection", IEEE TIFS 2015): the rotation-invariant ring features of {@link BlockFeatures} at every pixel, each
 * pixel's nearest look-alike at least {@link CopyMove#MIN_SHIFT} away found by PatchMatch (Barnes et al. 2009), then
 * the regularity of that offset field: inside a cloned region neighbouring pixels point to neighbouring pixels under
 * one move, so a local affine fit of the offsets leaves almost no error, while the chance look-alikes of natural
 * texture point anywhere. Small copies that give the block matcher too few distinct matches (a 30 x 100 pixel clone,
 * a translated patch of grass) form a coherent field here.
 *
 * <p>Two guards keep natural images out. A pixel counts only where its look-alike is much closer than the pixel's own
 * neighbours a few pixels away ({@link #SELF_RATIO}): along a straight edge or a smooth ramp every pixel looks like
 * the next one, and the field there is coherent without any copy. And a region counts only where the pixels it
 * points to form a coherent region too ({@link #MIN_MIRROR}): a copy and its source find each other.
 */
final class DenseField {
    /** Longer side of the analysed copy (pixels): bounded work, about 0.45 MP. */
    static final int SIDE = 768;
    static final int ITERATIONS = 6;
    /** Half side of the window of the local affine fit of the offsets (a 9 x 9 window). */
    static final int FIT_RADIUS = 4;
    /*
     * FIT_ERROR, MATCH_DISTANCE and SELF_RATIO were chosen among three settings ((1, 6, 0.25), (1.5, 10, 0.35),
     * (2, 10, 0.5), (3, 14, 0.5)) on 40 TRAINING copy-move edits of models/training/edits and 94 TRAINING photos
     * (models/training/splits.py): (2, 10, 0.5) found the most edits with no photo reaching a region of 600 pixels.
     */
    /** Largest mean squared residual of that fit (analysed pixels squared) for a regular pixel. */
    static final double FIT_ERROR = 2.0;
    /**
     * Largest feature distance of a look-alike (8-bit levels): looser than the block matcher's
     * {@link CopyMove#MATCH_DISTANCE}, since a rotated or re-compressed copy is not an exact twin; the field's
     * regularity, not the distance, tells a copy from chance.
     */
    static final double MATCH_DISTANCE = 10;
    /** The look-alike's squared distance at most this share of the squared distance to the pixel's own neighbours. */
    static final double SELF_RATIO = 0.5;
    /** Distance of the neighbours that measure a pixel's self-similarity (analysed pixels). */
    static final int SELF_STEP = 4;
    /** Share of a region's pixels whose look-alike lies in a regular region too (dilated by 2 pixels). */
    static final double MIN_MIRROR = 0.3;

    /** A region of the field: its pixels (analysed coordinates, y * w + x) and its role, copy or source. */
    record Region(int[] pixels, boolean earlier) { }

    /** The field's regular regions of at least {@code minArea} pixels, largest first. */
    record Result(java.util.List<Region> regions) {
        int largest() { return regions.isEmpty() ? 0 : regions.get(0).pixels().length; }
    }

    private DenseField() { }

    /**
     * @param p     grey plane in 8-bit units, {@code w x h} (already bounded to {@link #SIDE})
     * @param hints block matches of the block matcher in this copy's pixels ({sx, sy, dx, dy} each): their offsets seed
     *              PatchMatch where random draws rarely find the one exact twin of a small copy
     */
    static Result analyze(float[] p, int w, int h, double minShift, int minArea, long seed, float[][] hints,
                          Runnable checkCancelled) {
        int r = BlockFeatures.RADIUS, n = w * h, d = BlockFeatures.DIMS;
        int cnt = Math.max(0, w - 2 * r) * Math.max(0, h - 2 * r);
        int[] xs = new int[cnt], ys = new int[cnt];
        int k = 0;
        for (int y = r; y < h - r; y++) for (int x = r; x < w - r; x++) { xs[k] = x; ys[k++] = y; }
        float[][] f = BlockFeatures.compute(p, w, xs, ys, CopyMove.MIN_STD);
        float[] feat = new float[n * d];
        boolean[] valid = new boolean[n];
        for (int i = 0; i < cnt; i++) {
            if (f[i] == null) continue;
            int at = ys[i] * w + xs[i];
            valid[at] = true;
            System.arraycopy(f[i], 0, feat, at * d, d);
        }
        f = null;
        checkCancelled.run();
        int[] ox = new int[n], oy = new int[n];
        float[] dist = new float[n];
        java.util.Arrays.fill(dist, Float.POSITIVE_INFINITY);
        seed(feat, valid, w, h, minShift, ox, oy, dist, hints);
        patchMatch(feat, valid, w, h, minShift, ox, oy, dist, seed, checkCancelled);
        float[] self = selfDistance(feat, valid, w, h);
        double md2 = MATCH_DISTANCE * MATCH_DISTANCE;
        boolean[] good = new boolean[n];
        for (int i = 0; i < n; i++) {
            good[i] = valid[i] && dist[i] <= md2 && dist[i] <= SELF_RATIO * self[i];
        }
        boolean[] regular = regular(good, ox, oy, w, h);
        return new Result(regions(regular, ox, oy, w, h, minArea));
    }

    private static float distance(float[] feat, int a, int b, int d) {
        float s = 0;
        int ia = a * d, ib = b * d;
        for (int j = 0; j < d; j++) {
            float t = feat[ia + j] - feat[ib + j];
            s += t * t;
        }
        return s;
    }

    /** Largest number of distinct hinted offsets every pixel tries, most frequent first. */
    static final int GLOBAL_HINTS = 48;
    /** Half side of the square around a hint's two ends whose pixels try its offset. */
    static final int HINT_REACH = 3;

    /**
     * Tries the hints' offsets: every pixel the {@link #GLOBAL_HINTS} most frequent ones (a translated copy gives one
     * offset many times), the pixels around each hint's two ends its own offset (a rotated copy's offsets vary).
     */
    private static void seed(float[] feat, boolean[] valid, int w, int h, double minShift, int[] ox, int[] oy, float[] dist,
                             float[][] hints) {
        if (hints.length == 0) return;
        int d = BlockFeatures.DIMS;
        double shift2 = minShift * minShift;
        java.util.Map<Long, Integer> freq = new java.util.HashMap<>();
        for (float[] q : hints) {
            int cx = Math.round(q[2] - q[0]), cy = Math.round(q[3] - q[1]);
            freq.merge(((long) cx << 32) ^ (cy & 0xffffffffL), 1, Integer::sum);
            freq.merge(((long) -cx << 32) ^ (-cy & 0xffffffffL), 1, Integer::sum);
            for (int e = 0; e < 2; e++) {
                int bx = Math.round(e == 0 ? q[0] : q[2]), by = Math.round(e == 0 ? q[1] : q[3]);
                int sx = e == 0 ? cx : -cx, sy = e == 0 ? cy : -cy;
                for (int y = Math.max(0, by - HINT_REACH); y <= Math.min(h - 1, by + HINT_REACH); y++) {
                    for (int x = Math.max(0, bx - HINT_REACH); x <= Math.min(w - 1, bx + HINT_REACH); x++) {
                        if (valid[y * w + x]) try1(feat, valid, w, h, shift2, ox, oy, dist, x, y, sx, sy, d);
                    }
                }
            }
        }
        int[][] top = freq.entrySet().stream().filter(e -> e.getValue() >= 2)
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).limit(GLOBAL_HINTS)
                .map(e -> new int[]{(int) (e.getKey() >> 32), e.getKey().intValue()}).toArray(int[][]::new);
        org.provenant.core.filter.Parallel.forEach(h, y -> {
            for (int x = 0; x < w; x++) {
                if (!valid[y * w + x]) continue;
                for (int[] o : top) try1(feat, valid, w, h, shift2, ox, oy, dist, x, y, o[0], o[1], d);
            }
        });
    }

    /** PatchMatch over the valid pixels: offsets at least {@code minShift} long to another valid pixel. */
    private static void patchMatch(float[] feat, boolean[] valid, int w, int h, double minShift, int[] ox, int[] oy,
                                   float[] dist, long seed, Runnable checkCancelled) {
        int d = BlockFeatures.DIMS;
        double shift2 = minShift * minShift;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!valid[i]) continue;
                for (int t = 0; t < 12; t++) {
                    int tx = rnd.nextInt(w), ty = rnd.nextInt(h);
                    try1(feat, valid, w, h, shift2, ox, oy, dist, x, y, tx - x, ty - y, d);
                }
            }
        }
        int maxR = Math.max(w, h);
        for (int it = 0; it < ITERATIONS; it++) {
            checkCancelled.run();
            boolean fwd = it % 2 == 0;
            int step = fwd ? 1 : -1;
            for (int yy = 0; yy < h; yy++) {
                int y = fwd ? yy : h - 1 - yy;
                for (int xx = 0; xx < w; xx++) {
                    int x = fwd ? xx : w - 1 - xx;
                    int i = y * w + x;
                    if (!valid[i]) continue;
                    int px = x - step, py = y - step;
                    if (px >= 0 && px < w && valid[y * w + px] && Float.isFinite(dist[y * w + px])) {
                        try1(feat, valid, w, h, shift2, ox, oy, dist, x, y, ox[y * w + px], oy[y * w + px], d);
                    }
                    if (py >= 0 && py < h && valid[py * w + x] && Float.isFinite(dist[py * w + x])) {
                        try1(feat, valid, w, h, shift2, ox, oy, dist, x, y, ox[py * w + x], oy[py * w + x], d);
                    }
                    for (int rad = maxR; rad >= 1; rad /= 2) {
                        int cx = ox[i] + rnd.nextInt(2 * rad + 1) - rad, cy = oy[i] + rnd.nextInt(2 * rad + 1) - rad;
                        try1(feat, valid, w, h, shift2, ox, oy, dist, x, y, cx, cy, d);
                    }
                }
            }
        }
    }

    private static void try1(float[] feat, boolean[] valid, int w, int h, double shift2, int[] ox, int[] oy, float[] dist,
                             int x, int y, int cx, int cy, int d) {
        int tx = x + cx, ty = y + cy;
        if (tx < 0 || ty < 0 || tx >= w || ty >= h || (double) cx * cx + (double) cy * cy < shift2) return;
        int t = ty * w + tx, i = y * w + x;
        if (!valid[t]) return;
        float s = distance(feat, i, t, d);
        if (s < dist[i]) {
            dist[i] = s;
            ox[i] = cx;
            oy[i] = cy;
        }
    }

    /** Smallest squared feature distance to the pixel's neighbours {@link #SELF_STEP} pixels away (8 directions). */
    private static float[] selfDistance(float[] feat, boolean[] valid, int w, int h) {
        int d = BlockFeatures.DIMS, s = SELF_STEP;
        int[][] dirs = {{s, 0}, {-s, 0}, {0, s}, {0, -s}, {s, s}, {-s, -s}, {s, -s}, {-s, s}};
        float[] out = new float[w * h];
        org.provenant.core.filter.Parallel.forEach(h, y -> {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float best = Float.POSITIVE_INFINITY;
                if (valid[i]) {
                    for (int[] dd : dirs) {
                        int tx = x + dd[0], ty = y + dd[1];
                        if (tx < 0 || ty < 0 || tx >= w || ty >= h || !valid[ty * w + tx]) continue;
                        best = Math.min(best, distance(feat, i, ty * w + tx, d));
                    }
                }
                out[i] = best;
            }
        });
        return out;
    }

    /**
     * Pixels whose offsets, with those of the good pixels of their window, fit one affine map with a mean squared
     * residual of at most {@link #FIT_ERROR}, the window holding at least half good pixels. Box sums over integral
     * images of the fit's normal equations.
     */
    static boolean[] regular(boolean[] good, int[] ox, int[] oy, int w, int h) {
        int terms = 14;
        double[][] in = new double[terms][(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            double[] row = new double[terms];
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (good[i]) {
                    double a = ox[i], b = oy[i];
                    double[] v = {1, x, y, (double) x * x, (double) x * y, (double) y * y, a, x * a, y * a, b, x * b, y * b,
                            a * a, b * b};
                    for (int t = 0; t < terms; t++) row[t] += v[t];
                }
                int at = (y + 1) * (w + 1) + x + 1;
                for (int t = 0; t < terms; t++) in[t][at] = in[t][at - w - 1] + row[t];
            }
        }
        boolean[] out = new boolean[w * h];
        int rr = FIT_RADIUS, full = (2 * rr + 1) * (2 * rr + 1);
        org.provenant.core.filter.Parallel.forEach(h, y -> {
            double[] s = new double[terms];
            for (int x = 0; x < w; x++) {
                if (!good[y * w + x]) continue;
                int x0 = Math.max(0, x - rr), y0 = Math.max(0, y - rr), x1 = Math.min(w, x + rr + 1), y1 = Math.min(h, y + rr + 1);
                for (int t = 0; t < terms; t++) {
                    double[] g = in[t];
                    s[t] = g[y1 * (w + 1) + x1] - g[y0 * (w + 1) + x1] - g[y1 * (w + 1) + x0] + g[y0 * (w + 1) + x0];
                }
                if (s[0] < full / 2.0) continue;
                double[][] m = {{s[0], s[1], s[2]}, {s[1], s[3], s[4]}, {s[2], s[4], s[5]}};
                double sse = residual(m, new double[]{s[6], s[7], s[8]}, s[12]) + residual(m, new double[]{s[9], s[10], s[11]}, s[13]);
                out[y * w + x] = sse / s[0] <= FIT_ERROR;
            }
        });
        return out;
    }

    /** Residual sum of squares of the least-squares fit with normal matrix m, right side b and sum of squares yy. */
    private static double residual(double[][] m, double[] b, double yy) {
        double[] beta = AffineClusters.solve(m, b, 1e-6 * Math.abs(m[0][0] * m[1][1] * m[2][2]));
        if (beta == null) {
            // the window's pixels lie on a line: fit a constant
            return yy - b[0] * b[0] / m[0][0];
        }
        return yy - (beta[0] * b[0] + beta[1] * b[1] + beta[2] * b[2]);
    }

    /**
     * Connected regions (8-neighbours) of regular pixels with at least {@code minArea} pixels whose look-alikes fall,
     * for at least {@link #MIN_MIRROR} of them, on regular pixels too (within 2 pixels); largest first.
     */
    static java.util.List<Region> regions(boolean[] regular, int[] ox, int[] oy, int w, int h, int minArea) {
        int n = w * h;
        boolean[] near = dilate(regular, w, h, 2);
        int[] label = new int[n];
        java.util.List<Region> out = new java.util.ArrayList<>();
        int[] stack = new int[n];
        int next = 0;
        for (int s = 0; s < n; s++) {
            if (!regular[s] || label[s] != 0) continue;
            next++;
            int top = 0, size = 0;
            stack[top++] = s;
            label[s] = next;
            int[] members = new int[64];
            while (top > 0) {
                int i = stack[--top];
                if (size == members.length) members = java.util.Arrays.copyOf(members, size * 2);
                members[size++] = i;
                int x = i % w, y = i / w;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int tx = x + dx, ty = y + dy;
                        if (tx < 0 || ty < 0 || tx >= w || ty >= h) continue;
                        int j = ty * w + tx;
                        if (regular[j] && label[j] == 0) {
                            label[j] = next;
                            stack[top++] = j;
                        }
                    }
                }
            }
            if (size < minArea) continue;
            int mirrored = 0, earlier = 0;
            for (int q = 0; q < size; q++) {
                int i = members[q], tx = i % w + ox[i], ty = i / w + oy[i];
                if (tx >= 0 && ty >= 0 && tx < w && ty < h && near[ty * w + tx]) mirrored++;
                if (oy[i] > 0 || (oy[i] == 0 && ox[i] > 0)) earlier++;
            }
            if (mirrored < MIN_MIRROR * size) continue;
            out.add(new Region(java.util.Arrays.copyOf(members, size), earlier * 2 >= size));
        }
        out.sort((a, b) -> Integer.compare(b.pixels().length, a.pixels().length));
        return out;
    }

    private static boolean[] dilate(boolean[] m, int w, int h, int rad) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!m[y * w + x]) continue;
                for (int yy = Math.max(0, y - rad); yy <= Math.min(h - 1, y + rad); yy++) {
                    for (int xx = Math.max(0, x - rad); xx <= Math.min(w - 1, x + rad); xx++) out[yy * w + xx] = true;
                }
            }
        }
        return out;
    }
}
