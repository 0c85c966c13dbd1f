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
 */
public record IndicatorResult(String indicatorId, Score headline, List<Score> scores, List<MapLayer> maps,
                              String explanation, Hypothesis supports, double confidence, double[] features,
                              List<Detail> details) {
    public IndicatorResult {
        scores = List.copyOf(scores);
        maps = List.copyOf(maps);
        features = features == null ? new double[0] : features.clone();
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** A result without structured details (most indicators). */
    public IndicatorResult(String indicatorId, Score headline, List<Score> scores, List<MapLayer> maps,
                           String explanation, Hypothesis supports, double confidence, double[] features) {
        this(indicatorId, headline, scores, maps, explanation, supports, confidence, features, List.of());
    }

    public Score score(String key) {
        for (Score s : scores) if (s.key().equals(key)) return s;
        throw new IllegalArgumentException("no score " + key + " in " + indicatorId);
    }
}
