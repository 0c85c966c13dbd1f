package org.provenant.ml.calibration;

import java.util.Arrays;

/**
 * Discrimination and calibration figures for a two-class score: ROC AUC, true-positive rate at a fixed
 * false-alarm rate, and Cllr (the log-likelihood-ratio cost, Brümmer and du Preez 2006). "Positive" is always
 * the hypothesis that accuses (generated, codec-compressed, edited); "negative" is the camera original.
 * NaN scores are left out (they are "no data", never a number).
 */
public final class Metrics {
    private Metrics() { }

    /** ROC AUC: the chance that a random positive scores above a random negative (ties count half). */
    public static double auc(double[] positives, double[] negatives) {
        double[] p = finite(positives), n = finite(negatives);
        if (p.length == 0 || n.length == 0) return Double.NaN;
        double[] all = new double[p.length + n.length];
        System.arraycopy(p, 0, all, 0, p.length);
        System.arraycopy(n, 0, all, p.length, n.length);
        Integer[] idx = new Integer[all.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(all[a], all[b]));
        double[] rank = new double[all.length];
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && all[idx[j + 1]] == all[idx[i]]) j++;
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) rank[idx[k]] = r;
            i = j + 1;
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) sum += rank[i];
        return (sum - p.length * (p.length + 1) / 2.0) / ((double) p.length * n.length);
    }

    /**
     * True-positive rate at a false-alarm rate of at most {@code fpr}: the threshold is the smallest one that
     * keeps at most floor(fpr * negatives) negatives strictly above it.
     */
    public static double tprAtFpr(double[] positives, double[] negatives, double fpr) {
        double t = thresholdAtFpr(negatives, fpr);
        double[] p = finite(positives);
        if (p.length == 0 || Double.isNaN(t)) return Double.NaN;
        int hit = 0;
        for (double v : p) if (v > t) hit++;
        return hit / (double) p.length;
    }

    /** The score above which at most {@code fpr} of the negatives lie. */
    public static double thresholdAtFpr(double[] negatives, double fpr) {
        double[] n = finite(negatives);
        if (n.length == 0) return Double.NaN;
        Arrays.sort(n);
        int allowed = (int) Math.floor(fpr * n.length);
        return n[n.length - 1 - allowed];
    }

    /**
     * Cllr of natural-log likelihood ratios: 0 is perfect, 1 is a system that always says LR = 1, above 1 is
     * misleading. {@code lnLrPositives} are the log LRs given to true positives, {@code lnLrNegatives} to true
     * negatives.
     */
    public static double cllr(double[] lnLrPositives, double[] lnLrNegatives) {
        double[] p = finite(lnLrPositives), n = finite(lnLrNegatives);
        if (p.length == 0 || n.length == 0) return Double.NaN;
        double sp = 0, sn = 0;
        for (double l : p) sp += log2OnePlusExp(-l);
        for (double l : n) sn += log2OnePlusExp(l);
        return 0.5 * (sp / p.length + sn / n.length);
    }

    private static double log2OnePlusExp(double x) {
        double v = x > 30 ? x : Math.log1p(Math.exp(x));
        return v / Math.log(2);
    }

    /** {@code counts[0] / counts[1]} (e.g. detected of tested), NaN when nothing was counted. */
    public static double rate(int[] counts) {
        return counts[1] == 0 ? Double.NaN : counts[0] / (double) counts[1];
    }

    /**
     * The Wilson score interval's bound (95 %, two-sided) on a rate of {@code hits} of {@code n}: the lower bound
     * when {@code upper} is false. With no hits the upper bound is still above 0 (about 3.8 / n), so a rate measured
     * as zero is never taken as impossible. NaN when nothing was counted.
     */
    public static double wilson(int hits, int n, boolean upper) {
        if (n <= 0) return Double.NaN;
        double z = 1.959964, p = hits / (double) n, z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n), half = z * Math.sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n);
        return upper ? Math.min(1, centre + half) : Math.max(0, centre - half);
    }

    /** The finite values of {@code v} (NaN and infinities left out), in order. */
    public static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
