package org.provenant.ml.zed;

/**
 * ZED's statistics of one coded region: per pyramid level the gap D_l = NLL_l - H_l between the actual coding cost
 * and its expected value (bits per coded value), and the slope D_0 - D_1 across the two finest levels. A real
 * photograph matches the coder (trained on real photographs only), so its gaps sit where those of real photographs
 * sit ({@code realGaps}: medians over the recipe's TRAINING photos, in the coder's manifest entry); a generated image
 * departs from them.
 *
 * @param gaps     D_l for l = 0..L-1
 * @param nll      mean coding cost per level (bits per coded value)
 * @param entropy  mean expected coding cost per level (bits per coded value)
 * @param realGaps median D_l of real training photographs
 */
public record ZedStatistic(double[] gaps, double[] nll, double[] entropy, double[] realGaps) {
    /** What the decision statistic means, for its score. */
    public static final String MEANING = "gap at full resolution minus that of a typical real photograph, bits per coded value:"
            + " about 0 for real photographs; generated images come out higher (the real-photo coder finds them more surprising"
            + " than it expected).";

    public ZedStatistic {
        gaps = gaps.clone();
        nll = nll.clone();
        entropy = entropy.clone();
        realGaps = realGaps.clone();
    }

    public static ZedStatistic of(ZedCoder.Level[] levels, double[] realGaps) {
        int n = levels.length;
        double[] g = new double[n], c = new double[n], h = new double[n];
        for (int l = 0; l < n; l++) {
            g[l] = levels[l].gap();
            c[l] = levels[l].meanNll();
            h[l] = levels[l].meanEntropy();
        }
        return new ZedStatistic(g, c, h, realGaps);
    }

    /** The decision statistic: D_0 relative to real photographs. */
    public double score() {
        return gaps[0] - realGaps[0];
    }

    /** D_0 - D_1: how the gap changes from the second-finest level to the finest. */
    public double slope() {
        return gaps[0] - gaps[1];
    }
}
