package org.provenant.ml.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Recent runs of the JPEG AI graphs on small inputs, by graph and input content. The codec cues run the same graphs
 * on the same central crop again and again: the analysis, hyper-analysis and hyper-synthesis graphs do not depend on
 * the rate point (only the quantization step does), and cue 2's first compression and cue 3's latents start from
 * the same crop; here each such run is done once and its output handed to every later caller (a concurrent caller
 * waits for the first). The outputs are those of the graph, so nothing measured changes.
 */
final class GraphMemo {
    /** Largest input (values) remembered: a 256x256 crop's luma or its chroma; larger inputs are always run. */
    static final int MAX_INPUT = 256 * 256 * 3;
    /** Runs remembered, least recently used dropped first (at most about 20 MB). */
    static final int ENTRIES = 48;

    /** A graph run that can fail with the model's own exception. */
    interface Run {
        Latents run() throws org.provenant.ml.ModelException;
    }

    private record Key(int graph, Latents input) { }

    private final Map<Key, CompletableFuture<Latents>> runs = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<Latents>> e) {
            return size() > ENTRIES;
        }
    };

    /** The output of {@code graph} on {@code input}: remembered, or computed by {@code run} and remembered. */
    Latents run(int graph, Latents input, Run run) throws org.provenant.ml.ModelException {
        if (input.data().length > MAX_INPUT) return run.run();
        Key k = new Key(graph, input);
        CompletableFuture<Latents> mine = new CompletableFuture<>(), theirs;
        synchronized (runs) {
            theirs = runs.putIfAbsent(k, mine);
        }
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                return run.run(); // the first caller failed or was stopped: try here
            }
        }
        try {
            Latents out = run.run();
            mine.complete(out);
            return out;
        } catch (org.provenant.ml.ModelException | RuntimeException | Error e) {
            synchronized (runs) {
                runs.remove(k, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
