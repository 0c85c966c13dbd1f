package org.provenant.analysis.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisRun;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.analysis.workflow.Lookup;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;

/**
 * One evidence file through the {@link CaseWorkflow}, as {@code batch} handles it and as a cluster job can call it
 * per file: read (or take) the bytes, hash them, look up the stored analysis (a complete one is used without even
 * decoding the image), else decode, run what is missing, store and log; and say what happened as one summary row
 * ({@link BatchItem}: analysed, reused, error, skipped or cancelled, never an exception). Thread-safe: a batch
 * calls it from several workers at once with one engine.
 */
public final class ImageStep {
    /** File name endings treated as images: a file with one that cannot be decoded is an error, not skipped. */
    static final Set<String> IMAGE_ENDINGS = Set.of("png", "jpg", "jpeg", "jpe", "tif", "tiff", "webp", "bmp");

    private final CaseWorkflow workflow;
    private final AnalysisEngine engine;
    private final List<Indicator> indicators;
    private final Map<String, String> parameters;
    private final ImageLoader loader = new ImageLoader();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Set<AnalysisRun> running = ConcurrentHashMap.newKeySet();

    /**
     * @param indicators the indicators to answer, in panel order
     * @param parameters the examiner's indicator parameters (part of the stored results' key)
     */
    public ImageStep(CaseWorkflow workflow, AnalysisEngine engine, List<Indicator> indicators, Map<String, String> parameters) {
        this.workflow = workflow;
        this.engine = engine;
        this.indicators = List.copyOf(indicators);
        this.parameters = Map.copyOf(parameters);
    }

    /**
     * One file's outcome.
     *
     * @param row    the summary row ({@link BatchSummaries#jsonLine}: its {@code summary.jsonl} line;
     *               {@link BatchSummaries#csv} for rows of {@code summary.csv}); its {@code json} and {@code thumbnail}
     *               are null until an output folder names them
     * @param result the analysis and its JSON ({@link CaseWorkflow.Analysed#jsonText()}: what {@code analyze --json}
     *               writes), when the row is analysed or reused, else null
     * @param image  the image decoded this time (for a thumbnail; drop it after), else null
     */
    public record Result(BatchItem row, CaseWorkflow.Analysed result, LoadedImage image) { }

    /** Reads the file (never writes it) and handles it. */
    public Result run(Path file, String relative) {
        long t0 = System.nanoTime();
        if (cancelled.get()) return failed(relative, file, BatchItem.Status.CANCELLED, "", 0, "batch cancelled", t0);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return failed(relative, file, BatchItem.Status.ERROR, "", 0, "the file could not be read (" + e.getMessage() + ")", t0);
        }
        return run(file, relative, bytes, t0);
    }

    /** Handles a file whose bytes were read elsewhere ({@code file} names it in the row, the JSON and the log). */
    public Result run(Path file, String relative, byte[] bytes) {
        long t0 = System.nanoTime();
        if (cancelled.get()) return failed(relative, file, BatchItem.Status.CANCELLED, "", 0, "batch cancelled", t0);
        return run(file, relative, bytes, t0);
    }

    private Result run(Path file, String relative, byte[] bytes, long t0) {
        String sha = ImageLoader.sha256(bytes);
        long size = bytes.length;
        Lookup lookup = workflow.lookup(file, sha, indicators, parameters);
        String note = lookup.warning().orElse("");
        try {
            if (lookup.complete()) return done(relative, file, BatchItem.Status.REUSED, workflow.stored(lookup), null, note, t0);
            LoadedImage li;
            try {
                li = loader.load(file, bytes);
            } catch (ImageLoadException e) {
                boolean image = IMAGE_ENDINGS.contains(ending(file));
                boolean unknown = e.reason() != null && (e.reason().startsWith("the file is not an image") || e.reason().startsWith("the format "));
                return failed(relative, file, unknown && !image ? BatchItem.Status.SKIPPED : BatchItem.Status.ERROR, sha, size,
                        e.getMessage(), t0);
            }
            AnalysisRun[] run = new AnalysisRun[1];
            CaseWorkflow.Analysed a;
            try {
                a = workflow.complete(engine, lookup, li, AnalysisListener.NONE, r -> {
                    run[0] = r;
                    running.add(r);
                    if (cancelled.get()) r.cancel();
                });
            } finally {
                if (run[0] != null) running.remove(run[0]);
            }
            if (a.report().cancelled()) {
                String format = li.metadata() == null ? "" : li.metadata().formatName();
                return new Result(row(relative, file, BatchItem.Status.CANCELLED, sha, size, format, li.image().width(),
                        li.image().height(), List.of(), "batch cancelled during the analysis (nothing stored)", t0), null, null);
            }
            return done(relative, file, BatchItem.Status.ANALYSED, a, li, note, t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(relative, file, BatchItem.Status.CANCELLED, sha, size, "interrupted", t0);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            String m = e instanceof OutOfMemoryError ? "not enough memory for this image" : String.valueOf(e.getMessage());
            return failed(relative, file, BatchItem.Status.ERROR, sha, size, "Cannot analyse " + file.getFileName() + ": " + m, t0);
        }
    }

    /** Stops: files not started come back cancelled, running analyses stop at their next check (nothing stored). */
    public void cancel() {
        cancelled.set(true);
        for (AnalysisRun r : running) r.cancel();
    }

    public boolean isCancelled() { return cancelled.get(); }

    private static Result done(String rel, Path file, BatchItem.Status status, CaseWorkflow.Analysed a, LoadedImage li,
                               String note, long t0) {
        ObjectNode json = a.json(false);
        ObjectNode img = (ObjectNode) json.path("image");
        BatchItem row = row(rel, file, status, img.path("sha256").asText(), img.path("bytes").asLong(),
                img.path("format").asText(""), img.path("width").asInt(), img.path("height").asInt(), BatchItem.lines(json), note, t0);
        return new Result(row, a, li);
    }

    private static Result failed(String rel, Path file, BatchItem.Status st, String sha, long size, String msg, long t0) {
        return new Result(row(rel, file, st, sha, size, "", 0, 0, List.of(), msg, t0), null, null);
    }

    private static BatchItem row(String rel, Path file, BatchItem.Status st, String sha, long size, String format, int w,
                                 int h, List<BatchItem.IndicatorLine> lines, String msg, long t0) {
        return new BatchItem(rel, file.toAbsolutePath().normalize(), st, sha, size, format, w, h, lines, msg,
                (System.nanoTime() - t0) / 1_000_000, null, null);
    }

    static String ending(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
