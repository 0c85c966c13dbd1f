package org.provenant.app;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/** Small helpers: read state on the JavaFX thread, wait for a condition on it. */
final class FxTesting {
    private FxTesting() { }

    static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("JavaFX call failed", e);
        }
    }

    static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits until the condition, evaluated on the JavaFX thread, holds. */
    static void waitUntil(long seconds, String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
        }
    }
}
