package org.provenant.app.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.AnalysisRun;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Indicator;

/**
 * One analysis as a JavaFX Task: the indicators run on the engine's bounded pool; this task only waits, reports
 * the overall progress (mean of the indicators' fractions) and hands every indicator's events to {@code fx} on the
 * JavaFX thread, after drawing a finished indicator's map pictures ({@link MapImages}) on the worker thread. Cancelling the task cancels the run; the engine then reports the unfinished indicators as
 * cancelled.
 */
public final class AnalysisTask extends Task<AnalysisReport> {
    /** Progress is handed to the JavaFX thread only when it moved by at least this much (no event flood). */
    static final double PROGRESS_STEP = 0.01;

    private final AnalysisEngine engine;
    private final AnalysisInput input;
    private final List<Indicator> indicators;
    private final AnalysisListener fx;
    private volatile AnalysisRun run;

    /** @param fx receives started/progress/finished on the JavaFX thread (allFinished is not forwarded) */
    public AnalysisTask(AnalysisEngine engine, FloatImage image, List<Indicator> indicators, AnalysisListener fx) {
        this(engine, AnalysisInput.of(image), indicators, fx);
    }

    /** @param fx receives started/progress/finished on the JavaFX thread (allFinished is not forwarded) */
    public AnalysisTask(AnalysisEngine engine, AnalysisInput input, List<Indicator> indicators, AnalysisListener fx) {
        this.engine = engine;
        this.input = input;
        this.indicators = List.copyOf(indicators);
        this.fx = fx;
    }

    @Override
    protected AnalysisReport call() throws Exception {
        int n = indicators.size();
        double[] fraction = new double[n];
        double[] posted = new double[n];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) index.put(indicators.get(i).id(), i);
        updateProgress(0, 1);
        AnalysisListener bridge = new AnalysisListener() {
            @Override public void started(String id) {
                Platform.runLater(() -> fx.started(id));
            }

            @Override public void progress(String id, double f) {
                int i = index.get(id);
                synchronized (fraction) {
                    fraction[i] = f;
                    if (f - posted[i] < PROGRESS_STEP && f < 1) return;
                    posted[i] = f;
                }
                overall();
                Platform.runLater(() -> fx.progress(id, f));
            }

            @Override public void finished(IndicatorOutcome o) {
                MapImages.prepare(o.result());   // draw the pictures here, not on the JavaFX thread
                synchronized (fraction) {
                    fraction[index.get(o.indicatorId())] = 1;
                }
                overall();
                Platform.runLater(() -> fx.finished(o));
            }

            private void overall() {
                double s = 0;
                synchronized (fraction) {
                    for (double f : fraction) s += f;
                }
                updateProgress(s, Math.max(1, n));
            }
        };
        run = engine.start(input, indicators, bridge);
        if (isCancelled()) run.cancel();
        try {
            return run.await();
        } catch (InterruptedException e) {
            run.cancel();
            throw e;
        }
    }

    @Override
    protected void cancelled() {
        AnalysisRun r = run;
        if (r != null) r.cancel();
    }

    /** A cached pool of daemon threads named {@code name-1}, {@code name-2}, ... for a window's background work. */
    public static java.util.concurrent.ExecutorService pool(String name) {
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The engine's run, once started (null before). */
    public AnalysisRun engineRun() {
        return run;
    }
}
