package org.provenant.report.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.AnalysisRun;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.casefile.AtomicWrite;
import org.provenant.report.casefile.AuditLog;
import org.provenant.report.casefile.CaseFolder;
import org.provenant.report.casefile.ResultStore;

/**
 * The batch engine shared by {@code provenant batch} and the workbench's case view: every file under a folder
 * (recursively, in name order) is read (never written), hashed, and either answered from the case folder's
 * stored results (same SHA-256, same model set, every chosen indicator done) or loaded and analysed, a few files
 * at a time on a bounded pool with the models loaded once. Each file's analysis is stored in the case folder
 * and, with an output folder, written there as one JSON per image; the audit log gets each read (with the
 * SHA-256) and each analysis (tool version, model set and hashes). Every write goes through {@link AtomicWrite},
 * so a kill never leaves half a result and a second run resumes where the first stopped.
 */
public final class BatchRunner {
    /** File name endings treated as images: a file with one that cannot be decoded is an error, not skipped. */
    static final Set<String> IMAGE_ENDINGS = Set.of("png", "jpg", "jpeg", "jpe", "tif", "tiff", "webp", "bmp");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Progress of a batch; called from worker threads. */
    public interface Listener {
        default void started(int total) { }

        void finished(BatchItem item, int done, int total);

        Listener NONE = (item, done, total) -> { };
    }

    /**
     * @param folder     the evidence folder (read only)
     * @param out        the output folder, or null (the case view keeps everything in the case folder)
     * @param threads    files analysed at once (and threads of the analysis pool)
     * @param indicators the indicators to run, in panel order
     */
    public record Options(Path folder, Path out, int threads, List<Indicator> indicators) {
        public Options {
            folder = folder.toAbsolutePath().normalize();
            out = out == null ? null : out.toAbsolutePath().normalize();
            threads = Math.max(1, threads);
            indicators = List.copyOf(indicators);
        }
    }

    private final CaseFolder caseFolder;
    private final ModelRegistry models;
    private final Options options;
    private final String modelSet;
    private final Map<String, String> modelHashes;
    private final ImageLoader loader = new ImageLoader();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Set<AnalysisRun> running = ConcurrentHashMap.newKeySet();

    public BatchRunner(CaseFolder caseFolder, ModelRegistry models, Options options) throws IOException {
        this.caseFolder = caseFolder;
        this.models = models;
        this.options = options;
        if (!Files.isDirectory(options.folder())) throw new IOException(options.folder() + " is not a folder");
        List<Path> evidence = List.of(options.folder());
        if (options.out() != null) AtomicWrite.checkOutside(options.out(), evidence);
        AtomicWrite.checkOutside(caseFolder.dir(), evidence);
        this.modelSet = ResultStore.modelSet(models);
        this.modelHashes = ResultStore.modelHashes(models);
    }

    public String modelSet() { return modelSet; }

    /** Stops the batch: files not started are listed as cancelled, running analyses stop at their next check. */
    public void cancel() {
        cancelled.set(true);
        for (AnalysisRun r : running) r.cancel();
    }

    public boolean isCancelled() { return cancelled.get(); }

    /** Every regular file under the folder, in name order, hidden files and folders included (they are evidence too). */
    public static List<Path> scan(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Runs the batch and writes the summaries; returns every file's row in name order. */
    public List<BatchItem> run(Listener listener) throws IOException, InterruptedException {
        List<Path> files = scan(options.folder());
        if (options.out() != null) removeLeftovers(options.out());
        removeLeftovers(caseFolder.dir().resolve("results"));
        try {
            caseFolder.addEvidenceFolder(options.folder());
        } catch (org.provenant.report.casefile.CaseFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        AuditLog audit = caseFolder.audit();
        audit.append(AuditLog.Event.BATCH_STARTED, options.folder(), null, Map.of("files", files.size(),
                "indicators", ids(), "modelSet", modelSet, "threads", options.threads(),
                "out", options.out() == null ? "" : options.out().toString()));
        listener.started(files.size());
        List<BatchItem> items = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "provenant-batch");
            t.setDaemon(true);
            return t;
        });
        try (AnalysisEngine engine = new AnalysisEngine(models, options.threads())) {
            List<Future<BatchItem>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    BatchItem it = one(f, engine);
                    listener.finished(it, done.incrementAndGet(), files.size());
                    return it;
                }));
            }
            for (Future<BatchItem> fu : futures) {
                try {
                    items.add(fu.get());
                } catch (ExecutionException e) {
                    throw new IOException("batch worker failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (options.out() != null) writeSummaries(items);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (BatchItem it : items) counts.merge(it.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        audit.append(AuditLog.Event.BATCH_FINISHED, options.folder(), null, Map.of("counts", counts, "cancelled", cancelled.get()));
        return items;
    }

    /** Writes summary.jsonl, summary.csv and index.html into the output folder. */
    public void writeSummaries(List<BatchItem> items) throws IOException {
        BatchSummaries.writeJsonLines(options.out().resolve(BatchSummaries.JSONL), items);
        BatchSummaries.writeCsv(options.out().resolve(BatchSummaries.CSV), items);
        HtmlIndex.write(options.out().resolve(HtmlIndex.FILE), options.folder(), items,
                "Case folder " + caseFolder.dir() + ", model set " + modelSet + ".");
    }

    private BatchItem one(Path file, AnalysisEngine engine) {
        long t0 = System.nanoTime();
        String rel = options.folder().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        if (cancelled.get()) return item(rel, file, BatchItem.Status.CANCELLED, "", 0, "", 0, 0, List.of(), "batch cancelled", t0, null, null);
        long size;
        String sha;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            sha = ImageLoader.sha256(in.readAllBytes());
        } catch (IOException e) {
            return item(rel, file, BatchItem.Status.ERROR, "", 0, "", 0, 0, List.of(), "the file could not be read (" + e.getMessage() + ")", t0, null, null);
        }
        String note = "";
        try {
            Optional<String> before = caseFolder.audit().recordRead(file, sha);
            if (before.isPresent()) note = "The evidence changed since it was last read (SHA-256 was " + before.get().substring(0, 16) + "...).";
        } catch (IOException e) {
            note = "The audit log could not be written: " + e.getMessage();
        }
        List<String> ids = ids();
        Optional<ResultStore.Stored> stored = caseFolder.results().load(sha, modelSet);
        try {
            if (stored.isPresent() && stored.get().covers(ids)) {
                ObjectNode json = stored.get().json();
                caseFolder.audit().append(AuditLog.Event.RESULTS_REUSED, file, sha, Map.of("modelSet", modelSet, "indicators", ids));
                return finish(rel, file, BatchItem.Status.REUSED, json, null, note, t0);
            }
            LoadedImage li;
            try {
                li = loader.load(file);
            } catch (ImageLoadException e) {
                return item(rel, file, refusal(file, e), sha, size, "", 0, 0, List.of(), e.getMessage(), t0, null, null);
            }
            List<Indicator> todo = new ArrayList<>();
            for (Indicator ind : options.indicators()) {
                if (stored.isEmpty() || stored.get().done(ind.id()).isEmpty()) todo.add(ind);
            }
            AnalysisRun run = engine.start(AnalysisInput.of(li), todo, AnalysisListener.NONE);
            running.add(run);
            if (cancelled.get()) run.cancel();
            AnalysisReport fresh;
            try {
                fresh = run.await();
            } finally {
                running.remove(run);
            }
            if (fresh.cancelled()) {
                return item(rel, file, BatchItem.Status.CANCELLED, sha, size, format(li), li.image().width(), li.image().height(),
                        List.of(), "batch cancelled during the analysis (nothing stored)", t0, null, null);
            }
            List<IndicatorOutcome> merged = new ArrayList<>();
            for (Indicator ind : options.indicators()) {
                Optional<IndicatorOutcome> o = fresh.outcome(ind.id());
                merged.add(o.isPresent() ? o.get() : stored.get().done(ind.id()).orElseThrow());
            }
            AnalysisReport report = new AnalysisReport(merged, false);
            // logged before it is stored: a kill in between can never leave a stored result the log does not explain
            caseFolder.audit().append(AuditLog.Event.ANALYSED, file, sha, Map.of(
                    "toolVersion", org.provenant.report.ReportRequest.currentToolVersion(), "modelSet", modelSet,
                    "models", modelHashes, "indicators", todo.stream().map(Indicator::id).toList(),
                    "millis", (System.nanoTime() - t0) / 1_000_000));
            ObjectNode json = caseFolder.results().save(li, report, modelSet, modelHashes);
            Thumbnails.write(caseFolder.results().thumbnail(sha), li.image());
            return finish(rel, file, BatchItem.Status.ANALYSED, json, li, note, t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return item(rel, file, BatchItem.Status.CANCELLED, sha, size, "", 0, 0, List.of(), "interrupted", t0, null, null);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            String m = e instanceof OutOfMemoryError ? "not enough memory for this image" : String.valueOf(e.getMessage());
            return item(rel, file, BatchItem.Status.ERROR, sha, size, "", 0, 0, List.of(), "Cannot analyse " + file.getFileName() + ": " + m, t0, null, null);
        }
    }

    private BatchItem finish(String rel, Path file, BatchItem.Status status, ObjectNode json, LoadedImage li, String note,
                             long t0) throws IOException {
        String sha = json.path("image").path("sha256").asText();
        String jsonRel = null, thumbRel = null;
        if (options.out() != null) {
            jsonRel = "json/" + rel + ".json";
            ObjectNode copy = json.deepCopy();
            copy.remove("stored");
            Path target = options.out().resolve(jsonRel);
            AtomicWrite.write(target, o -> MAPPER.writerWithDefaultPrettyPrinter().writeValue(o, copy));
            Path thumb = caseFolder.results().thumbnail(sha);
            if (!Files.isRegularFile(thumb) && li != null) Thumbnails.write(thumb, li.image());
            if (Files.isRegularFile(thumb)) {
                thumbRel = "thumbs/" + sha.substring(0, 32) + ".jpg";
                Path t = options.out().resolve(thumbRel);
                if (!Files.isRegularFile(t)) {
                    byte[] b = Files.readAllBytes(thumb);
                    AtomicWrite.write(t, o -> o.write(b));
                }
            }
        }
        ObjectNode img = (ObjectNode) json.path("image");
        return item(rel, file, status, sha, img.path("bytes").asLong(), img.path("format").asText(""),
                img.path("width").asInt(), img.path("height").asInt(), BatchItem.lines(json), note, t0, jsonRel, thumbRel);
    }

    private static BatchItem item(String rel, Path file, BatchItem.Status st, String sha, long size, String format, int w,
                                  int h, List<BatchItem.IndicatorLine> lines, String msg, long t0, String json, String thumb) {
        return new BatchItem(rel, file.toAbsolutePath().normalize(), st, sha, size, format, w, h, lines, msg,
                (System.nanoTime() - t0) / 1_000_000, json, thumb);
    }

    private List<String> ids() {
        return options.indicators().stream().map(Indicator::id).toList();
    }

    private static String format(LoadedImage li) {
        return li.metadata() == null ? "" : li.metadata().formatName();
    }

    /**
     * What a file the loader refused is in a summary: SKIPPED when it is not an image at all and its name does not
     * claim to be one (notes.txt, a GIF), ERROR otherwise (a damaged photo.jpg is evidence that could not be read).
     */
    public static BatchItem.Status refusal(Path file, ImageLoadException e) {
        boolean image = IMAGE_ENDINGS.contains(ending(file));
        boolean unknown = e.reason() != null && (e.reason().startsWith("the file is not an image") || e.reason().startsWith("the format "));
        return unknown && !image ? BatchItem.Status.SKIPPED : BatchItem.Status.ERROR;
    }

    static String ending(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Deletes temporary files a killed run left in our own output folders (never in the evidence). */
    static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        int n = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(AtomicWrite::isLeftover).toList()) {
                Files.deleteIfExists(p);
                n++;
            }
        }
        return n;
    }
}
