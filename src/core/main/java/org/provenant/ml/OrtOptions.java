package org.provenant.ml;

import java.util.Map;

/**
 * ONNX Runtime session options every network of Provenant is loaded with. Where the analysis engine runs (the window,
 * {@code analyze}, {@code batch}), indicators already run in parallel, one per core, and a batch runs images in
 * parallel: there each session gets one intra-op thread ({@link #oneThreadPerSession()}), since more threads per
 * session on the same cores only oversubscribe them (ONNX Runtime's pool threads spin while they wait; measured: 12 MP
 * analysis 17.9 -> 7.6 s of CPU with the other changes of issue 13). Commands that run one network at a time (compress,
 * bench-codec, training) keep one thread per core. {@code -Dprovenant.ort.threads=N} overrides both.
 */
public final class OrtOptions {
    /** System property: intra-op threads per ONNX Runtime session. */
    public static final String THREADS_PROPERTY = "provenant.ort.threads";

    private static volatile int fallback = Math.max(1, Runtime.getRuntime().availableProcessors());

    private OrtOptions() { }

    /** Sessions loaded from now on get one intra-op thread unless the property says otherwise (called by the engine). */
    public static void oneThreadPerSession() {
        fallback = 1;
    }

    /** Intra-op threads per session: the property's value when it is a positive number, else the current default. */
    public static int threads() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.strip()));
            } catch (NumberFormatException e) {
                // not a number: the default below
            }
        }
        return fallback;
    }

    /** DJL OnnxRuntime engine options: {@link #threads()} intra-op threads, one inter-op thread. */
    public static Map<String, String> options() {
        return Map.of("intraOpNumThreads", String.valueOf(threads()), "interOpNumThreads", "1");
    }
}
