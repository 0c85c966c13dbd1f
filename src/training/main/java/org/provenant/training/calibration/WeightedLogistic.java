package org.provenant.training.calibration;

/**
 * A weighted logistic regression with an L2 penalty on the weights (not the intercept), fitted by Newton's method:
 * for the few standardised inputs of a fusion, where the exact optimum is cheap and deterministic.
 */
public final class WeightedLogistic {
    private WeightedLogistic() { }

    /** Intercept and weights. */
    public record Fit(double intercept, double[] weights) {
        public double logOdds(double[] x) {
            double s = intercept;
            for (int i = 0; i < weights.length; i++) s += weights[i] * x[i];
            return s;
        }
    }

    /**
     * Fits rows {@code x} (no NaN) with labels {@code y} and row weights {@code w} (their sum sets the data's weight
     * against {@code l2}, the penalty 0.5 * l2 * |weights|^2). Newton steps are halved until the objective falls, so
     * nearly separable data converge instead of overshooting.
     */
    public static Fit fit(double[][] x, boolean[] y, double[] w, double l2) {
        int d = x.length == 0 ? 0 : x[0].length, k = d + 1;
        double[] beta = new double[k];  // [intercept, weights...]
        double loss = objective(x, y, w, l2, beta);
        for (int it = 0; it < 100; it++) {
            double[] g = new double[k];
            double[][] h = new double[k][k];
            for (int i = 0; i < x.length; i++) {
                double s = beta[0];
                for (int j = 0; j < d; j++) s += beta[j + 1] * x[i][j];
                double p = 1 / (1 + Math.exp(-s)), r = w[i] * (p - (y[i] ? 1 : 0)), q = w[i] * p * (1 - p);
                for (int a = 0; a < k; a++) {
                    double xa = a == 0 ? 1 : x[i][a - 1];
                    g[a] += r * xa;
                    for (int b = 0; b <= a; b++) h[a][b] += q * xa * (b == 0 ? 1 : x[i][b - 1]);
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) h[a][b] = h[b][a];
                if (a > 0) {
                    g[a] += l2 * beta[a];
                    h[a][a] += l2;
                }
                h[a][a] += 1e-9;
            }
            double[] step = solve(h, g);
            double t = 1, change = 0;
            double[] next = new double[k];
            for (int half = 0; half < 30; half++, t /= 2) {
                for (int a = 0; a < k; a++) next[a] = beta[a] - t * step[a];
                double l = objective(x, y, w, l2, next);
                if (l <= loss) {
                    loss = l;
                    break;
                }
            }
            for (int a = 0; a < k; a++) {
                change += Math.abs(next[a] - beta[a]);
                beta[a] = next[a];
            }
            if (change < 1e-10) break;
        }
        double[] weights = new double[d];
        System.arraycopy(beta, 1, weights, 0, d);
        return new Fit(beta[0], weights);
    }

    /** Weighted log loss plus the penalty. */
    static double objective(double[][] x, boolean[] y, double[] w, double l2, double[] beta) {
        double l = 0;
        for (int i = 0; i < x.length; i++) {
            double s = beta[0];
            for (int j = 0; j < x[i].length; j++) s += beta[j + 1] * x[i][j];
            // log(1 + e^-s) for a positive, log(1 + e^s) for a negative, without overflow
            double m = y[i] ? -s : s;
            l += w[i] * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
        }
        for (int j = 1; j < beta.length; j++) l += 0.5 * l2 * beta[j] * beta[j];
        return l;
    }

    /** Solves h s = g by Gaussian elimination with partial pivoting (h symmetric positive definite here). */
    static double[] solve(double[][] h, double[] g) {
        int n = g.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(h[i], 0, a[i], 0, n);
            a[i][n] = g[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j <= n; j++) a[r][j] -= f * a[c][j];
            }
        }
        double[] s = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = a[r][n];
            for (int j = r + 1; j < n; j++) v -= a[r][j] * s[j];
            s[r] = v / a[r][r];
        }
        return s;
    }
}
