package org.provenant.indicators.pixel.noiseprint;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;

/**
 * Where the noiseprint disagrees with the rest of the image (Splicebuster's model, Cozzolino, Poggi and Verdoliva,
 * WIFS 2015, which the Noiseprint paper applies to noiseprints). Per block of {@link #BLOCK} pixels (stride
 * {@link #STRIDE}, on the image's 8x8 grid): the block's 8x8 phase pattern (the mean noiseprint at each position
 * (y mod 8, x mod 8), centred: the camera's and the JPEG grid's periodic trace) and the log of its variance. The
 * blocks are projected on their {@link #DIMS} leading principal components; a Gaussian (the image's own noiseprint)
 * and a uniform density (blocks that fit nothing) are fitted by EM, and a block's anomaly is its posterior
 * probability under the uniform part. Mirrored in models/training/noiseprint/anomaly.py.
 */
public final class NoiseprintAnomaly {
    public static final int BLOCK = 64;
    public static final int STRIDE = 32;
    /** Features per block: 64 phase means and the log variance. */
    static final int FEATURES = 65;
    /** Principal components kept. Our choice (few enough for a stable covariance from a few hundred blocks). */
    public static final int DIMS = 6;
    static final int EM_ITERATIONS = 30;
    /** Starting share of the uniform component; its share stays within [1 - MAX_INLIER, 1 - MIN_INLIER]. */
    static final double PRIOR_OUTLIER = 0.1, MIN_INLIER = 0.5, MAX_INLIER = 0.99;
    /** Fewest blocks for the fit (below: not defined). */
    public static final int MIN_BLOCKS = 16;
    /**
     * A block carries too little camera trace to be judged (it is left out of the fit and the map, as the reference
     * implementation's validity mask does) when more than {@link #MAX_CLIPPED} of its pixels are clipped (luma at or
     * below 1 or at or above 254 of 255) or when its luma varies by less than {@link #MIN_DETAIL} (8-bit levels, RMS of
     * luma minus its 3x3 mean): saturated or flat areas. Our choices.
     */
    static final double MAX_CLIPPED = 0.5, MIN_DETAIL = 0.5;

    /**
     * @param posterior  block map (stride {@link #STRIDE}): probability that the block does not fit the image's own
     *                   noiseprint; NaN where the block was not analysed
     * @param distance   block map: squared Mahalanobis distance to the image's own noiseprint (PCA space)
     * @param blocks     blocks fitted
     */
    public record Result(FloatMap posterior, FloatMap distance, int blocks) { }

    private NoiseprintAnomaly() { }

    /** Block grid size over an image side: blocks start at 0, STRIDE, ... while they fit. */
    public static int grid(int side) {
        return side < BLOCK ? 0 : (side - BLOCK) / STRIDE + 1;
    }

    /** Per block of the grid: whether it has enough trace to be judged (see {@link #MAX_CLIPPED}). */
    static boolean[] usable(FloatImage grey) {
        int w = grey.width(), h = grey.height(), gw = grid(w), gh = grid(h);
        float[] p = grey.plane(0);
        boolean[] ok = new boolean[gw * gh];
        for (int by = 0; by < gh; by++) {
            for (int bx = 0; bx < gw; bx++) {
                int clipped = 0;
                double detail = 0;
                for (int y = by * STRIDE; y < by * STRIDE + BLOCK; y++) {
                    for (int x = bx * STRIDE; x < bx * STRIDE + BLOCK; x++) {
                        float v = p[y * w + x];
                        if (v <= 1 / 255f || v >= 254 / 255f) clipped++;
                        double m = 0;
                        int n = 0;
                        for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                            for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                                m += p[yy * w + xx];
                                n++;
                            }
                        }
                        double d = (v - m / n) * 255;
                        detail += d * d;
                    }
                }
                ok[by * gw + bx] = clipped <= MAX_CLIPPED * BLOCK * BLOCK && Math.sqrt(detail / (BLOCK * BLOCK)) >= MIN_DETAIL;
            }
        }
        return ok;
    }

    /** Features of every usable block whose pixels all have a noiseprint value (others: null). */
    static double[][] features(FloatMap np, boolean[] usable) {
        int gw = grid(np.width()), gh = grid(np.height());
        double[][] f = new double[gw * gh][];
        float[] d = np.data();
        int w = np.width();
        for (int by = 0; by < gh; by++) {
            for (int bx = 0; bx < gw; bx++) {
                if (usable != null && !usable[by * gw + bx]) continue;
                double[] phase = new double[64];
                double sum = 0, sq = 0;
                boolean ok = true;
                for (int y = 0; y < BLOCK && ok; y++) {
                    int o = (by * STRIDE + y) * w + bx * STRIDE;
                    for (int x = 0; x < BLOCK; x++) {
                        float v = d[o + x];
                        if (!Float.isFinite(v)) {
                            ok = false;
                            break;
                        }
                        phase[(y & 7) * 8 + (x & 7)] += v;
                        sum += v;
                        sq += (double) v * v;
                    }
                }
                if (!ok) continue;
                int n = BLOCK * BLOCK;
                double mean = sum / n, perPhase = n / 64.0;
                double[] row = new double[FEATURES];
                for (int k = 0; k < 64; k++) row[k] = phase[k] / perPhase - mean;
                row[64] = Math.log(Math.max(0, sq / n - mean * mean) + 1e-6);
                f[by * gw + bx] = row;
            }
        }
        return f;
    }

    /**
     * The anomaly of every analysed, usable block of a noiseprint (NaN outside the analysed windows and on flat or
     * saturated blocks of {@code grey}, the luma image; null grey: every block usable); null below MIN_BLOCKS.
     */
    public static Result of(FloatMap np, FloatImage grey) {
        int gw = grid(np.width()), gh = grid(np.height());
        double[][] f = features(np, grey == null ? null : usable(grey));
        int n = 0;
        for (double[] r : f) if (r != null) n++;
        if (n < MIN_BLOCKS) return null;
        double[][] x = new double[n][];
        int[] at = new int[n];
        for (int i = 0, k = 0; i < f.length; i++) if (f[i] != null) { x[k] = f[i]; at[k++] = i; }
        double[][] z = project(standardize(x), DIMS);
        double[][] out = em(z);
        float[] post = new float[gw * gh], dist = new float[gw * gh];
        Arrays.fill(post, Float.NaN);
        Arrays.fill(dist, Float.NaN);
        for (int k = 0; k < n; k++) {
            post[at[k]] = (float) out[0][k];
            dist[at[k]] = (float) out[1][k];
        }
        return new Result(new FloatMap(gw, gh, post), new FloatMap(gw, gh, dist), n);
    }

    /** Each feature minus its median, over its standard deviation. */
    static double[][] standardize(double[][] x) {
        int n = x.length, d = x[0].length;
        double[][] s = new double[n][d];
        double[] col = new double[n];
        for (int j = 0; j < d; j++) {
            double mean = 0, var = 0;
            for (int i = 0; i < n; i++) {
                col[i] = x[i][j];
                mean += col[i];
            }
            mean /= n;
            for (int i = 0; i < n; i++) var += (col[i] - mean) * (col[i] - mean);
            double sd = Math.sqrt(var / n) + 1e-9;
            Arrays.sort(col);
            double med = n % 2 == 1 ? col[n / 2] : (col[n / 2 - 1] + col[n / 2]) / 2;
            for (int i = 0; i < n; i++) s[i][j] = (x[i][j] - med) / sd;
        }
        return s;
    }

    /** Coordinates on the leading {@code dims} principal components (of the centred data). */
    static double[][] project(double[][] x, int dims) {
        int n = x.length, d = x[0].length;
        double[] mean = new double[d];
        for (double[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        double[][] cov = new double[d][d];
        for (double[] r : x) {
            for (int a = 0; a < d; a++) {
                double ra = r[a] - mean[a];
                for (int b = a; b < d; b++) cov[a][b] += ra * (r[b] - mean[b]);
            }
        }
        for (int a = 0; a < d; a++) for (int b = a; b < d; b++) cov[b][a] = cov[a][b] /= n;
        EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] ev = e.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> Double.compare(ev[q], ev[p]));
        double[][] z = new double[n][dims];
        for (int k = 0; k < dims; k++) {
            double[] v = e.getEigenvector(order[k]).toArray();
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += x[i][j] * v[j];
                z[i][k] = s;
            }
        }
        return z;
    }

    /** EM of Gaussian + uniform (over the bounding box): {posterior of the uniform part, squared Mahalanobis distance}. */
    static double[][] em(double[][] z) {
        int n = z.length, d = z[0].length;
        double vol = 1;
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] r : z) {
                lo = Math.min(lo, r[j]);
                hi = Math.max(hi, r[j]);
            }
            vol *= hi - lo + 1e-9;
        }
        double[] mu = new double[d];
        double[] col = new double[n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) col[i] = z[i][j];
            Arrays.sort(col);
            mu[j] = n % 2 == 1 ? col[n / 2] : (col[n / 2 - 1] + col[n / 2]) / 2;
        }
        double[][] cov = weightedCov(z, null, mean(z, null));
        double pi = 1 - PRIOR_OUTLIER;
        double[] inlier = new double[n], m = new double[n];
        for (int it = 0; it <= EM_ITERATIONS; it++) {
            RealMatrix c = new Array2DRowRealMatrix(cov, false);
            LUDecomposition lu = new LUDecomposition(c);
            double[][] ic = lu.getSolver().getInverse().getData();
            double logNorm = -0.5 * Math.log(lu.getDeterminant()) - d / 2.0 * Math.log(2 * Math.PI);
            double u = (1 - pi) / vol;
            double wsum = 0;
            for (int i = 0; i < n; i++) {
                m[i] = mahalanobis(z[i], mu, ic);
                double g = pi * Math.exp(-0.5 * m[i] + logNorm);
                inlier[i] = g + u > 0 ? g / (g + u) : 0;
                wsum += inlier[i];
            }
            if (it == EM_ITERATIONS || wsum < 1e-9) break;
            mu = mean(z, inlier);
            cov = weightedCov(z, inlier, mu);
            pi = Math.min(MAX_INLIER, Math.max(MIN_INLIER, wsum / n));
        }
        double[] outlier = new double[n];
        for (int i = 0; i < n; i++) outlier[i] = 1 - inlier[i];
        return new double[][]{outlier, m};
    }

    static double[] mean(double[][] z, double[] w) {
        int d = z[0].length;
        double[] mu = new double[d];
        double ws = 0;
        for (int i = 0; i < z.length; i++) {
            double wi = w == null ? 1 : w[i];
            ws += wi;
            for (int j = 0; j < d; j++) mu[j] += wi * z[i][j];
        }
        for (int j = 0; j < d; j++) mu[j] /= ws;
        return mu;
    }

    static double[][] weightedCov(double[][] z, double[] w, double[] mu) {
        int d = mu.length;
        double[][] c = new double[d][d];
        double ws = 0;
        for (int i = 0; i < z.length; i++) {
            double wi = w == null ? 1 : w[i];
            ws += wi;
            for (int a = 0; a < d; a++) {
                double da = z[i][a] - mu[a];
                for (int b = a; b < d; b++) c[a][b] += wi * da * (z[i][b] - mu[b]);
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) c[b][a] = c[a][b] /= ws;
            c[a][a] += 1e-6;
        }
        return c;
    }

    static double mahalanobis(double[] x, double[] mu, double[][] ic) {
        int d = mu.length;
        double s = 0;
        for (int a = 0; a < d; a++) {
            double t = 0;
            for (int b = 0; b < d; b++) t += ic[a][b] * (x[b] - mu[b]);
            s += (x[a] - mu[a]) * t;
        }
        return s;
    }
}
