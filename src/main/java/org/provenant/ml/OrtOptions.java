package org.provenant.ml;

import java.util.Map;

/**
 * ONNX Runtime session options every network of Provenant is loaded with. The analysis engine already runs
 * indicators in parallel (one per core) and a batch runs images in parallel, so each session gets one intra-op
 * thread by default: more threads per session on the same cores only oversubscribe them (ONNX Runtime's pool threads
 * spin while they wait). {@code -Dprovenant.ort.threads=N} gives each session N threads instead (e.g. for one
 * network run alone on an idle many-core machine).
 */
public final class OrtOptions {
    /** System property: intra-op threads per ONNX Runtime session. */
    public static final String THREADS_PROPERTY = "provenant.ort.threads";

    private OrtOptions() { }

    /** Intra-op threads per session: the property's value when it is a positive number, else 1. */
    public static int threads() {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty(THREADS_PROPERTY, "1").strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** DJL OnnxRuntime engine options: {@link #threads()} intra-op threads, one inter-op thread. */
    public static Map<String, String> options() {
        return Map.of("intraOpNumThreads", String.valueOf(threads()), "interOpNumThreads", "1");
    }
}
