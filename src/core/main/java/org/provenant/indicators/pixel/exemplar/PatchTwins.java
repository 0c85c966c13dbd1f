package org.provenant.indicators.pixel.exemplar;

import java.util.SplittableRandom;

/**
 * Each textured pixel's nearest look-alike elsewhere in the image at full resolution: the 5x5 RGB patch around it
 * compared with every other patch at least {@link #MIN_SHIFT} pixels away, searched by PatchMatch (Barnes,
 * Shechtman, Finkelstein, Goldman, SIGGRAPH 2009: random offsets, propagation from the neighbours, a random search
 * in shrinking windows). A pixel is a <em>twin</em> when that look-alike differs by at most {@link #TOLERANCE}
 * levels (root mean square over the 75 values): exemplar-based object removal and the clone stamp fill a hole with
 * pixels copied from the rest of the image, exact copies in a lossless file and copies within the re-save's noise
 * in a JPEG; natural texture, with its sensor noise, almost never repeats so closely at full resolution.
 */
final class PatchTwins {
    /** Patch radius (5x5 patches). */
    static final int RADIUS = 2;
    static final int VALUES = 3 * (2 * RADIUS + 1) * (2 * RADIUS + 1);
    /** Look-alikes must be at least this far away in x or y: overlapping patches are not twins. */
    static final int MIN_SHIFT = 8;
    /** Patches whose grey variance (8-bit levels squared) is below this are flat: any flat patch has a twin. */
    static final double MIN_VARIANCE = 25;
    /**
     * Smallest eigenvalue of the patch's structure tensor (mean squared grey gradient across its weakest direction,
     * 8-bit levels squared) a patch needs: a straight edge or a smooth ramp repeats exactly along itself, so only
     * patches with texture in both directions are tested.
     */
    static final double MIN_CORNER = 4;
    /**
     * Patches with at least this many of their 75 values clipped (at most 2 or at least 253) are not tested: rendered
     * text and graphics (a trail camera's data strip, a caption) repeat exactly by nature.
     */
    static final int MAX_CLIPPED = 25;
    /** Largest RMS difference (8-bit levels) of a twin: within the noise of a JPEG re-save. Our choice (see docs). */
    static final double TOLERANCE = 2.25;
    static final int ITERATIONS = 5;
    /** Grey bin (8-bit levels) of the coarse hash, and the earlier pixels kept per hash bucket. */
    static final int COARSE_BIN = 6, BUCKET = 4;

    private final int w, h;
    private final int[] r, g, b;
    private final int[] ox, oy, cost;
    private final boolean[] textured;

    /** Searches the window's twins; rgb holds 8-bit values, row-major, w x h. */
    PatchTwins(int w, int h, int[] r, int[] g, int[] b, long seed) {
        this.w = w;
        this.h = h;
        this.r = r;
        this.g = g;
        this.b = b;
        ox = new int[w * h];
        oy = new int[w * h];
        cost = new int[w * h];
        textured = new boolean[w * h];
        if (w < 2 * RADIUS + 1 + MIN_SHIFT || h < 2 * RADIUS + 1 + MIN_SHIFT) return;
        markTexture();
        search(new SplittableRandom(seed));
    }

    boolean textured(int i) { return textured[i]; }

    /**
     * Whether pixel i is textured and its look-alike lies within {@link #TOLERANCE}, at an offset that is not a whole
     * number of 8x8 JPEG blocks both ways: a JPEG's coarse quantization makes blocks of similar content repeat on the
     * grid (a pleated curtain of a TRAINING photo gave 383 such twins), while copies land anywhere.
     */
    boolean twin(int i) {
        return textured[i] && cost[i] <= TOLERANCE * TOLERANCE * VALUES && ((ox[i] & 7) != 0 || (oy[i] & 7) != 0);
    }

    private void markTexture() {
        int n = (2 * RADIUS + 1) * (2 * RADIUS + 1);
        float[] l = new float[w * h];
        for (int i = 0; i < l.length; i++) l[i] = (r[i] + g[i] + b[i]) / 3f;
        for (int y = RADIUS + 1; y < h - RADIUS - 1; y++) {
            for (int x = RADIUS + 1; x < w - RADIUS - 1; x++) {
                double s = 0, s2 = 0, jxx = 0, jyy = 0, jxy = 0;
                int clipped = 0;
                for (int v = -RADIUS; v <= RADIUS; v++) {
                    int row = (y + v) * w + x;
                    for (int u = -RADIUS; u <= RADIUS; u++) {
                        int k = row + u;
                        clipped += clip(r[k]) + clip(g[k]) + clip(b[k]);
                        double gx = (l[k + 1] - l[k - 1]) / 2.0, gy = (l[k + w] - l[k - w]) / 2.0;
                        s += l[k];
                        s2 += l[k] * l[k];
                        jxx += gx * gx;
                        jyy += gy * gy;
                        jxy += gx * gy;
                    }
                }
                double mean = s / n;
                double half = (jxx - jyy) / 2, lmin = ((jxx + jyy) / 2 - Math.sqrt(half * half + jxy * jxy)) / n;
                textured[y * w + x] = s2 / n - mean * mean >= MIN_VARIANCE && lmin >= MIN_CORNER && clipped < MAX_CLIPPED;
            }
        }
    }

    private static int clip(int v) {
        return v <= 2 || v >= 253 ? 1 : 0;
    }

    private void search(SplittableRandom rnd) {
        for (int y = RADIUS; y < h - RADIUS; y++) {
            for (int x = RADIUS; x < w - RADIUS; x++) {
                int i = y * w + x;
                cost[i] = Integer.MAX_VALUE;
                for (int t = 0; t < 4 && cost[i] == Integer.MAX_VALUE; t++) {
                    int tx = RADIUS + rnd.nextInt(w - 2 * RADIUS), ty = RADIUS + rnd.nextInt(h - 2 * RADIUS);
                    tryOffset(i, x, y, tx - x, ty - y);
                }
            }
        }
        seedFromHashes();
        int maxRadius = Math.max(w, h);
        for (int it = 0; it < ITERATIONS; it++) {
            boolean forward = it % 2 == 0;
            int step = forward ? 1 : -1;
            for (int yy = RADIUS; yy < h - RADIUS; yy++) {
                int y = forward ? yy : h - 1 - yy;
                for (int xx = RADIUS; xx < w - RADIUS; xx++) {
                    int x = forward ? xx : w - 1 - xx;
                    int i = y * w + x;
                    if (!textured[i]) continue;
                    int px = x - step, py = y - step;
                    if (px >= RADIUS && px < w - RADIUS) tryOffset(i, x, y, ox[i - step], oy[i - step]);
                    if (py >= RADIUS && py < h - RADIUS) tryOffset(i, x, y, ox[i - step * w], oy[i - step * w]);
                    for (int rad = maxRadius; rad >= 1; rad /= 2) {
                        tryOffset(i, x, y, ox[i] + rnd.nextInt(2 * rad + 1) - rad, oy[i] + rnd.nextInt(2 * rad + 1) - rad);
                    }
                }
            }
        }
    }

    /**
     * Candidate look-alikes from two hash tables, so that small pieces copied from many places (which random offsets
     * rarely hit) are found: the exact 5x5 RGB patch (lossless copies), and the grey 3x3 centre in bins of
     * {@link #COARSE_BIN} levels (copies a fine re-save moved by a level or two). Each pixel tries up to
     * {@link #BUCKET} earlier pixels of each of its buckets; propagation then spreads a found offset over its piece.
     */
    private void seedFromHashes() {
        int n = 0;
        for (boolean t : textured) if (t) n++;
        Buckets exact = new Buckets(n), coarse = new Buckets(n);
        for (int y = RADIUS; y < h - RADIUS; y++) {
            for (int x = RADIUS; x < w - RADIUS; x++) {
                int i = y * w + x;
                if (!textured[i]) continue;
                long he = 1125899906842597L, hc = 1125899906842597L;
                for (int v = -RADIUS; v <= RADIUS; v++) {
                    for (int u = -RADIUS; u <= RADIUS; u++) {
                        int k = i + v * w + u;
                        he = 31 * he + ((r[k] << 16) | (g[k] << 8) | b[k]);
                        if (Math.abs(u) <= 1 && Math.abs(v) <= 1) hc = 37 * hc + (r[k] + g[k] + b[k]) / (3 * COARSE_BIN);
                    }
                }
                seed(exact, he, i, x, y);
                seed(coarse, hc, i, x, y);
            }
        }
    }

    private void seed(Buckets table, long key, int i, int x, int y) {
        int slot = table.slot(key);
        int n = table.count[slot];
        for (int k = 0; k < n; k++) {
            int j = table.members[slot * BUCKET + k];
            tryOffset(i, x, y, j % w - x, j / w - y);
            tryOffset(j, j % w, j / w, x - j % w, y - j / w);
        }
        if (n < BUCKET) {
            table.members[slot * BUCKET + n] = i;
            table.count[slot] = (byte) (n + 1);
        }
    }

    /** A hash table of long keys (open addressing), each with up to {@link #BUCKET} pixel indices. */
    private static final class Buckets {
        final long[] keys;
        final boolean[] used;
        final byte[] count;
        final int[] members;
        final int mask;

        Buckets(int entries) {
            int cap = Integer.highestOneBit(Math.max(16, entries * 2 - 1)) * 2;
            keys = new long[cap];
            used = new boolean[cap];
            count = new byte[cap];
            members = new int[cap * BUCKET];
            mask = cap - 1;
        }

        /** The slot of key, claimed if new. */
        int slot(long key) {
            int s = (int) (key ^ (key >>> 29) ^ (key >>> 47)) * 0x9E3779B1 & mask;
            while (used[s] && keys[s] != key) s = (s + 1) & mask;
            if (!used[s]) {
                used[s] = true;
                keys[s] = key;
            }
            return s;
        }
    }

    private void tryOffset(int i, int x, int y, int dx, int dy) {
        if (Math.abs(dx) < MIN_SHIFT && Math.abs(dy) < MIN_SHIFT) return;
        int tx = x + dx, ty = y + dy;
        if (tx < RADIUS || ty < RADIUS || tx >= w - RADIUS || ty >= h - RADIUS) return;
        int best = cost[i];
        int c = ssd(x, y, tx, ty, best);
        if (c < best) {
            cost[i] = c;
            ox[i] = dx;
            oy[i] = dy;
        }
    }

    /** Sum of squared differences of the two 5x5 RGB patches, abandoned (returning bound) once it reaches bound. */
    private int ssd(int x, int y, int tx, int ty, int bound) {
        int s = 0;
        for (int v = -RADIUS; v <= RADIUS; v++) {
            int a = (y + v) * w + x, c = (ty + v) * w + tx;
            for (int u = -RADIUS; u <= RADIUS; u++) {
                int dr = r[a + u] - r[c + u], dg = g[a + u] - g[c + u], db = b[a + u] - b[c + u];
                s += dr * dr + dg * dg + db * db;
            }
            if (s >= bound) return bound;
        }
        return s;
    }
}
