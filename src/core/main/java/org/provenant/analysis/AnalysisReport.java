package org.provenant.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every indicator's outcome for one image, in panel order, and the examiner's parameters it was made with: only
 * those that differ from their declared default ({@link org.provenant.indicators.IndicatorParameters#nonDefault}),
 * so an analysis with the defaults has none.
 */
public record AnalysisReport(List<IndicatorOutcome> outcomes, boolean cancelled, Map<String, String> parameters) {
    public AnalysisReport {
        outcomes = List.copyOf(outcomes);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** An analysis with the default parameters. */
    public AnalysisReport(List<IndicatorOutcome> outcomes, boolean cancelled) {
        this(outcomes, cancelled, Map.of());
    }

    public Optional<IndicatorOutcome> outcome(String indicatorId) {
        return outcomes.stream().filter(o -> o.indicatorId().equals(indicatorId)).findFirst();
    }
}
