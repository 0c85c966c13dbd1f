package org.provenant.ml.zed;

/**
 * Exact entropy (bits) of a mixture of K discretised logistics over the 256 values 0..255, the coder's predicted
 * distribution of one value: p(v) = sum_k w_k [S((v + 0.5 - mu_k) / s_k) - S((v - 0.5 - mu_k) / s_k)], with value 0
 * taking the whole lower tail and 255 the upper one (S is the logistic sigmoid). The sum runs over the values within
 * {@link #SPAN} scales of some component's mean: outside, every component's mass is below S(-SPAN) = 6e-6 per side,
 * which changes the entropy by less than 1e-3 bits (checked against the full 256-value sum of the recipe).
 *
 * <p>The bin edges are one apart, so each component's exp(-(x - mu) / s) steps from edge to edge by one factor
 * exp(-1 / s): one exponential per component instead of one per bin.
 */
final class MixtureEntropy {
    /** Half-width of the summed window, in component scales. Our choice (see the class comment). */
    static final double SPAN = 12;
    /** Beyond this many scales from its mean a component's sigmoid is 0 or 1 to double precision. */
    private static final double SATURATED = 36;
    private static final double LN2 = Math.log(2);

    private MixtureEntropy() { }

    /**
     * @param p      the mixture parameters: K weight logits, K means, K log scales, at p[off + (j * K + k) * stride]
     * @param stride distance between consecutive parameters in p
     * @param cdf    scratch space of at least 257 doubles
     */
    static double bits(float[] p, int off, int stride, int k, double[] cdf) {
        double maxLogit = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) maxLogit = Math.max(maxLogit, p[off + i * stride]);
        double z = 0, lo = 255, hi = 0;
        for (int i = 0; i < k; i++) {
            z += Math.exp(p[off + i * stride] - maxLogit);
            double mu = p[off + (k + i) * stride], s = Math.exp(p[off + (2 * k + i) * stride]);
            lo = Math.min(lo, mu - SPAN * s);
            hi = Math.max(hi, mu + SPAN * s);
        }
        int a = (int) Math.max(0, Math.floor(lo)), b = (int) Math.min(255, Math.ceil(hi));
        if (a > b) return 0; // all the mass beyond one end, in value 0 or 255
        int edges = b - a + 2; // edges a - 0.5 .. b + 0.5
        java.util.Arrays.fill(cdf, 0, edges, 0);
        for (int i = 0; i < k; i++) {
            double w = Math.exp(p[off + i * stride] - maxLogit) / z;
            double mu = p[off + (k + i) * stride], inv = Math.exp(-p[off + (2 * k + i) * stride]);
            double t = (a - 0.5 - mu) * inv, step = Math.exp(-inv), e = Double.NaN;
            for (int j = 0; j < edges; j++, t += inv) {
                if (t > SATURATED) {
                    for (; j < edges; j++) cdf[j] += w;
                    break;
                }
                if (t < -SATURATED) continue;
                e = Double.isNaN(e) ? Math.exp(-t) : e * step;
                cdf[j] += w / (1 + e);
            }
        }
        if (a == 0) cdf[0] = 0;
        if (b == 255) cdf[edges - 1] = 1;
        double h = 0;
        for (int j = 1; j < edges; j++) {
            double pv = cdf[j] - cdf[j - 1];
            if (pv > 1e-30) h -= pv * Math.log(pv);
        }
        return h / LN2;
    }
}
