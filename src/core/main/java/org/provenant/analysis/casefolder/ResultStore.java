package org.provenant.analysis.casefolder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;

/**
 * Where analyses are kept for reuse, keyed by the evidence's SHA-256 and the result key
 * ({@code analysis.workflow.ResultKey}): the case folder's {@code results/} ({@link ResultFiles}), or any other
 * store that stands in for it (a cluster job's table). The case workflow is the only caller; it decides what is
 * reused and what is stored, a store only keeps and returns what it was given.
 */
public interface ResultStore {
    /**
     * A stored analysis: its JSON tree (the {@code analyze --json} form plus a {@code stored} block naming the key,
     * tool version, models and time) and the report read back from it with its map values.
     */
    record Stored(ObjectNode json, AnalysisReport report, String key) {
        /** The stored outcome of an indicator that finished (DONE), if any. */
        public Optional<IndicatorOutcome> done(String indicatorId) {
            return report.outcome(indicatorId).filter(IndicatorOutcome::ok);
        }

        /** True when every one of these indicators has a DONE outcome stored. */
        public boolean covers(List<String> indicatorIds) {
            return indicatorIds.stream().allMatch(id -> done(id).isPresent());
        }
    }

    /**
     * The analysis stored for the evidence with this SHA-256 under this key; empty when there is none, it was made
     * under another key, or it is damaged (it is then simply recomputed).
     */
    Optional<Stored> load(String sha256, String key);

    /**
     * Keeps an analysis of the evidence with this SHA-256, replacing the one stored before, so that a kill never
     * leaves half of it: {@code json} is its tree with the {@code stored} block ({@code stored.modelSet} is the key),
     * {@code report} the same analysis with its map values ({@link StoredMaps} encodes them).
     */
    void save(String sha256, ObjectNode json, AnalysisReport report) throws IOException;
}
