package org.provenant.ml.calibration;

/**
 * Maps a raw score to a natural-log likelihood ratio, ln LR = a * score + b (Platt / logistic calibration with
 * the prior's log-odds taken out, so the LR does not depend on how many positives the calibration set had).
 * Fitted by Newton iterations on the logistic log-loss with a small ridge, on a calibration split that the
 * figures reported beside it did not come from.
 */
public record LogisticCalibration(double slope, double intercept) {
    /** ln LR of a score; NaN stays NaN. */
    public double lnLr(double score) {
        return Double.isFinite(score) ? slope * score + intercept : Double.NaN;
    }

    /** Posterior probability of the positive hypothesis at prior odds 1. */
    public double probability(double score) {
        double l = lnLr(score);
        return Double.isNaN(l) ? Double.NaN : 1 / (1 + Math.exp(-l));
    }

    public static LogisticCalibration fit(double[] positives, double[] negatives) {
        double[] p = Metrics.finite(positives), n = Metrics.finite(negatives);
        if (p.length == 0 || n.length == 0) throw new IllegalArgumentException("both classes need finite scores");
        // weight each class to half, so that the fitted log-odds are a log LR at equal priors
        double wp = 0.5 / p.length, wn = 0.5 / n.length, ridge = 1e-6;
        double a = 0, b = 0;
        for (int it = 0; it < 100; it++) {
            double ga = 0, gb = 0, haa = ridge, hab = 0, hbb = ridge;
            for (double x : p) { double q = sig(a * x + b); double g = wp * (q - 1); ga += g * x; gb += g; double h = wp * q * (1 - q); haa += h * x * x; hab += h * x; hbb += h; }
            for (double x : n) { double q = sig(a * x + b); double g = wn * q; ga += g * x; gb += g; double h = wn * q * (1 - q); haa += h * x * x; hab += h * x; hbb += h; }
            ga += ridge * a;
            double det = haa * hbb - hab * hab;
            if (!(Math.abs(det) > 1e-300)) break;
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) break;
        }
        return new LogisticCalibration(a, b);
    }

    private static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
