package org.provenant.analysis;

/**
 * Receives progress of an analysis. Called from worker threads: a GUI must hop to its own thread.
 * All methods have empty defaults.
 */
public interface AnalysisListener {
    default void started(String indicatorId) { }

    default void progress(String indicatorId, double fraction) { }

    default void finished(IndicatorOutcome outcome) { }

    default void allFinished(AnalysisReport report) { }

    AnalysisListener NONE = new AnalysisListener() { };
}
