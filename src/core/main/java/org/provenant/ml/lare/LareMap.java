package org.provenant.ml.lare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.provenant.core.image.FloatMap;

/**
 * A latent reconstruction error map: {@code channels} planes of {@code width x height} latent positions,
 * each value the mean over the noise draws of (eps_pred - eps)^2 (LaRE^2, arXiv 2403.17465).
 */
public record LareMap(int channels, int width, int height, float[] values) {
    /** Quantiles pooled per channel into the feature vector. */
    static final double[] QUANTILES = {0.10, 0.50, 0.90};
    private static final String[] STATS = {"mean", "std", "q10", "q50", "q90"};

    public LareMap {
        if (values.length != channels * width * height) throw new IllegalArgumentException("LaRE map size mismatch");
    }

    /** The map a person looks at: the mean over latent channels at each latent position. */
    public FloatMap channelMean() {
        int n = width * height;
        float[] m = new float[n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) m[i] += values[c * n + i] / channels;
        }
        return new FloatMap(width, height, m);
    }

    /** Mean over every element (the single LaRE number). */
    public double mean() {
        double s = 0;
        for (float v : values) s += v;
        return s / values.length;
    }

    /** Names of {@link #features()}: per channel mean, std, q10, q50, q90, then the overall mean. */
    public static List<String> featureNames(int channels) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < channels; c++) for (String s : STATS) names.add("lare_c" + c + "_" + s);
        names.add("lare_mean");
        return names;
    }

    /** Pooled features for a real-vs-generated classifier (see {@link #featureNames(int)}). */
    public double[] features() {
        int n = width * height;
        double[] f = new double[channels * STATS.length + 1];
        for (int c = 0; c < channels; c++) {
            float[] ch = Arrays.copyOfRange(values, c * n, (c + 1) * n);
            double s = 0, s2 = 0;
            for (float v : ch) { s += v; s2 += (double) v * v; }
            double mean = s / n;
            Arrays.sort(ch);
            int k = c * STATS.length;
            f[k] = mean;
            f[k + 1] = Math.sqrt(Math.max(0, s2 / n - mean * mean));
            for (int q = 0; q < QUANTILES.length; q++) f[k + 2 + q] = ch[(int) Math.min(n - 1, Math.round(QUANTILES[q] * (n - 1)))];
        }
        f[f.length - 1] = mean();
        return f;
    }
}
