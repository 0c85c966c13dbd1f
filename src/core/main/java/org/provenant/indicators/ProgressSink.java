package org.provenant.indicators;

import java.util.concurrent.CancellationException;

/** How a running indicator reports progress and learns that it was cancelled. */
public interface ProgressSink {
    /** @param fraction 0..1 of this indicator's work done */
    void progress(double fraction);

    boolean cancelled();

    /** Throws CancellationException when the analysis was cancelled; call it inside every long loop. */
    default void checkCancelled() {
        if (cancelled()) throw new CancellationException("analysis cancelled");
    }

    ProgressSink NONE = new ProgressSink() {
        @Override public void progress(double fraction) { }
        @Override public boolean cancelled() { return false; }
    };
}
