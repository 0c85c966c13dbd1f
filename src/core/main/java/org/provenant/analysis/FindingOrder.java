package org.provenant.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.MapLayer;

/**
 * The order in which every view puts an analysis, so that the first screen points somewhere: the overall assessment
 * on top, then the indicators with something to say about this image (a lean, a likelihood ratio away from 1, a
 * file finding), most telling first ({@link Finding#MOST_TELLING_FIRST}), then those without, then those that failed
 * or were cancelled; equal ones in panel order. Also which map to lay over the image first.
 */
public final class FindingOrder {
    private FindingOrder() { }

    /** Finished first, by their findings; then failed and cancelled ones; a stable sort keeps panel order among equals. */
    public static final Comparator<IndicatorOutcome> OUTCOMES = Comparator
            .comparing((IndicatorOutcome o) -> !o.ok())
            .thenComparing((a, b) -> a.ok() && b.ok() ? Finding.MOST_TELLING_FIRST.compare(a.result().finding(), b.result().finding()) : 0);

    /** The outcomes of {@code report} without the assessment, most telling first. */
    public static List<IndicatorOutcome> indicators(AnalysisReport report) {
        Set<String> fusion = fusionIds();
        List<IndicatorOutcome> out = new ArrayList<>();
        for (IndicatorOutcome o : report.outcomes()) if (!fusion.contains(o.indicatorId())) out.add(o);
        out.sort(OUTCOMES);
        return out;
    }

    /** The overall assessment's outcome (the indicator of the {@link EvidenceFamily#FUSION} family), if it ran. */
    public static Optional<IndicatorOutcome> assessment(AnalysisReport report) {
        Set<String> fusion = fusionIds();
        return report.outcomes().stream().filter(o -> fusion.contains(o.indicatorId())).findFirst();
    }

    /**
     * The indicator whose map to lay over the image first: the most telling finding that has something to say
     * ({@link Finding.Standing#telling()}), points to something other than a camera original, and comes with a map to
     * draw over the image; empty when none does (the plain image is then the honest first picture).
     */
    public static Optional<IndicatorOutcome> firstMap(List<IndicatorOutcome> outcomes) {
        List<IndicatorOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(OUTCOMES);
        for (IndicatorOutcome o : sorted) {
            if (!o.ok()) continue;
            Finding f = o.result().finding();
            if (!f.standing().telling()) break;
            if (f.favours() == Hypothesis.CAMERA_ORIGINAL) continue;
            if (o.result().maps().stream().anyMatch(MapLayer::overlay)) return Optional.of(o);
        }
        return Optional.empty();
    }

    private static Set<String> fusionIds() {
        return IndicatorRegistry.all().stream().filter(i -> i.family() == EvidenceFamily.FUSION).map(Indicator::id)
                .collect(Collectors.toSet());
    }
}
