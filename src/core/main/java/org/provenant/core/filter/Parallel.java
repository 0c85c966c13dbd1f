package org.provenant.core.filter;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Parallel loops over independent work items (row bands, tiles) for the image filters and indicators.
 * Runs on the common fork-join pool, which is bounded by the number of cores; nothing is allocated per pixel.
 */
public final class Parallel {
    private Parallel() { }

    /** Runs {@code body} for every index in [0, n), in parallel when n > 1; exceptions propagate to the caller. */
    public static void forEach(int n, IntConsumer body) {
        if (n <= 0) return;
        if (n == 1) {
            body.accept(0);
            return;
        }
        IntStream.range(0, n).parallel().forEach(body);
    }
}
