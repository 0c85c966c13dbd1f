package org.provenant.analysis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A running analysis: cancel it, or wait for its report. */
public final class AnalysisRun {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    final CompletableFuture<AnalysisReport> report = new CompletableFuture<>();

    /** Asks every indicator to stop at its next check; the report then marks the unfinished ones CANCELLED. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public boolean isDone() {
        return report.isDone();
    }

    public AnalysisReport await() throws InterruptedException {
        try {
            return report.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public AnalysisReport await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        try {
            return report.get(timeout, unit);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public CompletableFuture<AnalysisReport> future() {
        return report;
    }
}
