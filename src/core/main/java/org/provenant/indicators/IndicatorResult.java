package org.provenant.indicators;

import java.util.List;

/**
 * What an indicator found on one image.
 *
 * @param indicatorId     the indicator's id
 * @param headline        the score that sums the result up (also in {@code scores})
 * @param scores          every number, headline first
 * @param maps            pictures (heat maps over the image, spectra)
 * @param explanation     plain language: what the picture shows, and what a camera original would show
 * @param supports        which hypothesis the result leans to
 * @param confidence      0..1, how strongly (0.5 = no lean)
 * @param features        feature vector for a classifier (may be empty)
 * @param details         structured findings shown as a tree (a C2PA manifest chain, metadata directories); may be empty
 * @param finding         what it found, in words, with its strength: the headline every view shows (null:
 *                        {@link Finding#unstated}); the headline score keeps the number and its unit
 */
public record IndicatorResult(String indicatorId, Score headline, List<Score> scores, List<MapLayer> maps,
                              String explanation, Hypothesis supports, double confidence, double[] features,
                              List<Detail> details, Finding finding) {
    public IndicatorResult {
        scores = List.copyOf(scores);
        maps = List.copyOf(maps);
        features = features == null ? new double[0] : features.clone();
        details = details == null ? List.of() : List.copyOf(details);
        finding = finding == null ? Finding.unstated(supports, confidence) : finding;
    }

    /** A result with structured details and the finding its lean implies ({@link Finding#unstated}). */
    public IndicatorResult(String indicatorId, Score headline, List<Score> scores, List<MapLayer> maps,
                           String explanation, Hypothesis supports, double confidence, double[] features,
                           List<Detail> details) {
        this(indicatorId, headline, scores, maps, explanation, supports, confidence, features, details, null);
    }

    /** A result without structured details (most indicators). */
    public IndicatorResult(String indicatorId, Score headline, List<Score> scores, List<MapLayer> maps,
                           String explanation, Hypothesis supports, double confidence, double[] features) {
        this(indicatorId, headline, scores, maps, explanation, supports, confidence, features, List.of());
    }

    /** The same result with the finding in words that the indicator or its verdict policy states. */
    public IndicatorResult withFinding(Finding f) {
        return new IndicatorResult(indicatorId, headline, scores, maps, explanation, supports, confidence, features, details, f);
    }

    public Score score(String key) {
        for (Score s : scores) if (s.key().equals(key)) return s;
        throw new IllegalArgumentException("no score " + key + " in " + indicatorId);
    }

    /** The value of a score; NaN where the result has none (a failed or content-check result holds only its headline). */
    public double value(String key) {
        for (Score s : scores) if (s.key().equals(key)) return s.value();
        return Double.NaN;
    }
}
