package org.provenant.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorParameters;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.SharedWork;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.OrtOptions;

/**
 * Runs indicators in parallel on a bounded pool of daemon threads. Each indicator reports its own progress;
 * one that fails is reported as FAILED with its message and the others go on; cancel stops them at their next
 * check. The GUI, the CLI and the report all go through this one class.
 */
public final class AnalysisEngine implements AutoCloseable {
    private final ModelRegistry models;
    private final ExecutorService pool;

    public AnalysisEngine(ModelRegistry models) {
        this(models, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    public AnalysisEngine(ModelRegistry models, int threads) {
        this.models = models;
        // the indicators run in parallel here: ONNX Runtime sessions loaded for them get one thread each
        OrtOptions.oneThreadPerSession();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "provenant-analysis-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    public ModelRegistry models() {
        return models;
    }

    /** Starts the indicators on the image and returns at once. */
    public AnalysisRun start(FloatImage image, List<Indicator> indicators, AnalysisListener listener) {
        return start(AnalysisInput.of(image), indicators, listener);
    }

    /**
     * Starts the indicators on the input and returns at once. They share one {@link SharedWork}: common
     * intermediate results and each other's results are computed once.
     */
    public AnalysisRun start(AnalysisInput input, List<Indicator> indicators, AnalysisListener listener) {
        AnalysisRun run = new AnalysisRun();
        SharedWork shared = new SharedWork(input.image());
        IndicatorContext base = new IndicatorContext(models, ProgressSink.NONE, input.evidence(), input.parameters(), shared);
        // submitted in running order (see schedule); the report keeps the caller's order
        List<CompletableFuture<IndicatorOutcome>> futures = new ArrayList<>(Collections.nCopies(indicators.size(), null));
        for (int i : schedule(indicators)) {
            Indicator ind = indicators.get(i);
            futures.set(i, CompletableFuture.supplyAsync(() -> runOne(ind, base, run, listener), pool));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((v, err) -> {
            List<IndicatorOutcome> outs = new ArrayList<>();
            for (CompletableFuture<IndicatorOutcome> f : futures) outs.add(f.join());
            AnalysisReport rep = new AnalysisReport(outs, run.isCancelled(), IndicatorParameters.nonDefault(input.parameters()));
            try {
                listener.allFinished(rep);
            } finally {
                run.report.complete(rep);
            }
        });
        return run;
    }

    /**
     * The order the indicators are started in (indices into {@code indicators}): the instant ones
     * ({@link Indicator#cost()} 0) first, so that a first result shows at once; then the others longest first, so
     * that no thread is left with a long indicator at the end while the others idle; FUSION indicators last, since
     * they wait for the others' results (run first, one would compute the others one after another in its thread).
     */
    static List<Integer> schedule(List<Indicator> indicators) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < indicators.size(); i++) order.add(i);
        order.sort(Comparator.<Integer>comparingInt(i -> indicators.get(i).family() == EvidenceFamily.FUSION ? 1 : 0)
                .thenComparingInt(i -> indicators.get(i).cost() == 0 ? 0 : 1)
                .thenComparingInt(i -> -indicators.get(i).cost()));
        return order;
    }

    /** Runs and waits. */
    public AnalysisReport analyze(FloatImage image, List<Indicator> indicators, AnalysisListener listener)
            throws InterruptedException {
        return start(image, indicators, listener).await();
    }

    /** Runs and waits. */
    public AnalysisReport analyze(AnalysisInput input, List<Indicator> indicators, AnalysisListener listener)
            throws InterruptedException {
        return start(input, indicators, listener).await();
    }

    private IndicatorOutcome runOne(Indicator ind, IndicatorContext base, AnalysisRun run, AnalysisListener listener) {
        long t0 = System.nanoTime();
        String id = ind.id();
        IndicatorOutcome out;
        if (run.isCancelled()) {
            out = new IndicatorOutcome(id, ind.displayName(), ind.methodReference(), IndicatorOutcome.Status.CANCELLED, null, null, 0);
            safe(() -> listener.finished(out));
            return out;
        }
        safe(() -> listener.started(id));
        ProgressSink sink = new ProgressSink() {
            @Override public void progress(double fraction) {
                safe(() -> listener.progress(id, Math.max(0, Math.min(1, fraction))));
            }

            @Override public boolean cancelled() {
                return run.isCancelled() || Thread.currentThread().isInterrupted();
            }
        };
        IndicatorOutcome o;
        try {
            IndicatorContext ctx = base.withProgress(sink);
            IndicatorResult r = ctx.shared().result(ind, ctx);
            if (run.isCancelled()) throw new CancellationException();
            o = done(ind, IndicatorOutcome.Status.DONE, r, null, t0);
        } catch (CancellationException e) {
            o = done(ind, IndicatorOutcome.Status.CANCELLED, null, null, t0);
        } catch (IndicatorException e) {
            // one line in words: the first line of the message, without control characters
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            o = done(ind, IndicatorOutcome.Status.FAILED, null,
                    m.isBlank() ? "failed without saying why" : org.provenant.core.io.PlainText.of(m), t0);
        } catch (OutOfMemoryError e) {
            o = done(ind, IndicatorOutcome.Status.FAILED, null, "not enough memory for this indicator on this image", t0);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // a bug, not a property of the evidence: say so in words, never a class name or a stack trace
            o = done(ind, IndicatorOutcome.Status.FAILED, null, "stopped by an internal error (a fault in this indicator,"
                    + " not in the file); the other indicators are not affected", t0);
        }
        IndicatorOutcome fo = o;
        safe(() -> listener.finished(fo));
        return o;
    }

    private static IndicatorOutcome done(Indicator ind, IndicatorOutcome.Status s, IndicatorResult r, String err, long t0) {
        return new IndicatorOutcome(ind.id(), ind.displayName(), ind.methodReference(), s, r, err,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static void safe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // a listener's failure must not break the analysis
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
