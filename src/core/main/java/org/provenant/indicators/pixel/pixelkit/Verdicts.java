package org.provenant.indicators.pixel.pixelkit;

import java.util.List;
import java.util.Locale;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;

/**
 * The common results of the pixel indicators: "not enough texture" for degenerate images, and the lean rule: a
 * score at or above a threshold set on real photos leans to a local manipulation, with the false-alarm rate it was
 * measured with stated beside it; below it the result is inconclusive (absence of a trace is no proof of an
 * untouched image).
 */
public final class Verdicts {
    private Verdicts() { }

    /** An inconclusive result with no value: the image is too small or too flat for the statistic. */
    public static IndicatorResult notEnoughTexture(String id, String key, String label, String why, List<MapLayer> maps) {
        Score head = new Score(key, label, Double.NaN, "Not defined for this image: " + why);
        return new IndicatorResult(id, head, List.of(head), maps,
                ContentCheck.PREFIX + "not enough texture to analyse: " + why + " The statistic needs fine detail (edges, grain, noise) in"
                        + " several parts of the image; a tiny, very narrow or flat one-colour image has none, so this"
                        + " indicator says nothing about it either way.", Hypothesis.INCONCLUSIVE, 0.5, null);
    }

    /**
     * MANIPULATED when {@code score >= threshold}, else INCONCLUSIVE; the confidence grows from 0.6 with the margin.
     */
    public static Hypothesis lean(double score, double threshold) {
        return Double.isFinite(score) && score >= threshold ? Hypothesis.MANIPULATED : Hypothesis.INCONCLUSIVE;
    }

    public static double confidence(double score, double threshold) {
        if (!(Double.isFinite(score) && score >= threshold)) return 0.5;
        return Math.min(0.9, 0.6 + 0.1 * (score - threshold) / Math.max(1e-9, threshold));
    }

    /** The sentence that states how a threshold was measured. */
    public static String calibration(double threshold, String measured) {
        return String.format(Locale.ROOT, "It leans to a local edit only at a score of %.2f or more, a threshold set on real"
                + " photos (%s).", threshold, measured);
    }
}
