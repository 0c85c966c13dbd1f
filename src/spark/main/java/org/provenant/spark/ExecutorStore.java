package org.provenant.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.casefolder.ResultStore;

/**
 * The case workflow's store on an executor. The job's store is its Parquet table, consulted by the driver for all
 * files at once (a join on path and SHA-256 skips the files done, copies of analysed images get their row), so a
 * file that reaches an executor has nothing stored; its analysis is kept as the task's table row, which Spark
 * commits with the task. Saving here keeps nothing.
 */
final class ExecutorStore implements ResultStore {
    @Override
    public Optional<Stored> load(String sha256, String key) {
        return Optional.empty();
    }

    @Override
    public void save(String sha256, ObjectNode json, AnalysisReport report) {
        // the row the task returns is the stored result
    }
}
