package org.provenant.ml;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.provenant.core.LibraryLogs;

/**
 * ONNX Runtime session options every network of Provenant is loaded with. Where the analysis engine runs (the window,
 * {@code analyze}, {@code batch}), indicators already run in parallel, one per core, and a batch runs images in
 * parallel: there each session gets one intra-op thread ({@link #oneThreadPerSession()}), since more threads per
 * session on the same cores only oversubscribe them (ONNX Runtime's pool threads spin while they wait; measured: 12 MP
 * analysis 17.9 -> 7.6 s of CPU with the other changes of issue 13). Commands that run one network at a time (compress,
 * bench-codec, training) keep one thread per core. {@code -Dprovenant.ort.threads=N} overrides both. ONNX Runtime's
 * own log (a warning per unused initializer of every graph it loads) is off unless {@link LibraryLogs#verbose()}.
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

    /**
     * DJL OnnxRuntime engine options for one model: {@link #threads()} intra-op threads, one inter-op thread, and the
     * given session options (from {@link #sessionOptions()}), which carry the log level.
     */
    public static Map<String, Object> options(OrtSession.SessionOptions session) {
        return Map.of("intraOpNumThreads", String.valueOf(threads()), "interOpNumThreads", "1", "sessionOptions", session);
    }

    /**
     * Session options at ONNX Runtime's warning level when {@link LibraryLogs#verbose()}, else at its fatal level (nothing
     * is printed). The caller closes them once the model is loaded: the session keeps its own copy.
     */
    public static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setSessionLogLevel(LibraryLogs.verbose() ? OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING : OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        return o;
    }
}
