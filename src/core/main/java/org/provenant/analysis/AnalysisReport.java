package org.provenant.analysis;

import java.util.List;
import java.util.Optional;

/** Every indicator's outcome for one image, in panel order. */
public record AnalysisReport(List<IndicatorOutcome> outcomes, boolean cancelled) {
    public AnalysisReport {
        outcomes = List.copyOf(outcomes);
    }

    public Optional<IndicatorOutcome> outcome(String indicatorId) {
        return outcomes.stream().filter(o -> o.indicatorId().equals(indicatorId)).findFirst();
    }
}
