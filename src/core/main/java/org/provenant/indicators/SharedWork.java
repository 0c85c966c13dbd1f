package org.provenant.indicators;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.provenant.core.image.FloatImage;

/**
 * Work shared by the indicators of one analysis of one image: each piece (a grey conversion, a residual, a codec
 * pass, a JPEG re-save, another indicator's result) is computed once, by the first indicator that asks for it,
 * and handed to every later one. Thread-safe; whoever asks first computes in its own thread, the others wait for
 * that result, so no pool thread ever waits on queued work and nothing deadlocks (as long as no piece asks for
 * itself).
 */
public final class SharedWork {
    private static final String RESULT = "result:";
    private final FloatImage image;
    private final ConcurrentHashMap<String, CompletableFuture<Object>> memo = new ConcurrentHashMap<>();

    public SharedWork(FloatImage image) {
        this.image = image;
    }

    /** The image this work belongs to. */
    public FloatImage image() {
        return image;
    }

    /**
     * The value for {@code key}, computed by {@code work} the first time it is asked for. Keys name what is
     * computed and every parameter it depends on, e.g. {@code "jpeg-resave:q90"}.
     */
    @SuppressWarnings("unchecked")
    public <T> T compute(String key, Callable<T> work) throws IndicatorException {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> f = memo.putIfAbsent(key, mine);
        if (f == null) {
            f = mine;
            try {
                mine.complete(work.call());
            } catch (Throwable t) {
                mine.completeExceptionally(t);
            }
        }
        try {
            return (T) f.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof IndicatorException ie) throw new IndicatorException(ie.getMessage(), ie);
            if (c instanceof CancellationException ce) throw ce;
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IndicatorException(String.valueOf(c.getMessage()), c);
        }
    }

    /** Runs {@code indicator} on this image once; later calls (from the engine or another indicator) reuse it. */
    public IndicatorResult result(Indicator indicator, IndicatorContext context) throws IndicatorException {
        return compute(RESULT + indicator.id(), () -> indicator.analyze(image, context));
    }

    /** The result of the registered indicator {@code id} on this image, computed once. */
    public IndicatorResult result(String id, IndicatorContext context) throws IndicatorException {
        return result(IndicatorRegistry.byId(id), context);
    }
}
