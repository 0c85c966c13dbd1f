package org.provenant.analysis.batch;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.casefolder.AuditLog;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.core.io.OutputGuard;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;

/**
 * The batch engine shared by {@code provenant batch} and the workbench's case view: every file under a folder
 * (recursively, in name order) goes through the {@link ImageStep} (the {@link CaseWorkflow} per file: read, never
 * written; hashed; answered from the case folder's stored results, or analysed for what is missing), a few files at
 * a time on a bounded pool with the models loaded once. With an output folder, each analysis is also written there
 * as one JSON per image ({@code analyze --json} form) with a thumbnail, and the summaries
 * ({@link BatchSummaries}, {@link HtmlIndex}). Every write goes through {@link OutputGuard}, so a kill never leaves
 * half a result and a second run resumes where the first stopped.
 */
public final class BatchRunner {
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
     * @param parameters the examiner's indicator parameters (part of the stored results' key)
     */
    public record Options(Path folder, Path out, int threads, List<Indicator> indicators, Map<String, String> parameters) {
        public Options {
            folder = folder.toAbsolutePath().normalize();
            out = out == null ? null : out.toAbsolutePath().normalize();
            threads = Math.max(1, threads);
            indicators = List.copyOf(indicators);
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        /** With the default parameters. */
        public Options(Path folder, Path out, int threads, List<Indicator> indicators) {
            this(folder, out, threads, indicators, Map.of());
        }
    }

    private final CaseFolder caseFolder;
    private final CaseWorkflow workflow;
    private final Options options;
    private final String modelSet;
    private volatile boolean cancelled;
    private volatile ImageStep step;

    public BatchRunner(CaseFolder caseFolder, ModelRegistry models, Options options) throws IOException {
        this.caseFolder = caseFolder;
        this.workflow = new CaseWorkflow(caseFolder, models);
        this.options = options;
        if (!Files.isDirectory(options.folder())) throw new IOException(options.folder() + " is not a folder");
        List<Path> evidence = List.of(options.folder());
        if (options.out() != null) OutputGuard.checkOutside(options.out(), evidence);
        OutputGuard.checkOutside(caseFolder.dir(), evidence);
        this.modelSet = workflow.key(options.parameters());
    }

    public String modelSet() { return modelSet; }

    /** Stops the batch: files not started are listed as cancelled, running analyses stop at their next check. */
    public void cancel() {
        cancelled = true;
        ImageStep s = step;
        if (s != null) s.cancel();
    }

    public boolean isCancelled() { return cancelled; }

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
        removeLeftovers(caseFolder.results().dir());
        try {
            caseFolder.addEvidenceFolder(options.folder());
        } catch (CaseFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        AuditLog audit = caseFolder.audit();
        audit.append(AuditLog.Event.BATCH_STARTED, options.folder(), null, Map.of("files", files.size(),
                "indicators", options.indicators().stream().map(Indicator::id).toList(), "modelSet", modelSet,
                "threads", options.threads(), "out", options.out() == null ? "" : options.out().toString()));
        listener.started(files.size());
        List<BatchItem> items = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "provenant-batch");
            t.setDaemon(true);
            return t;
        });
        try (AnalysisEngine engine = new AnalysisEngine(workflow.models(), options.threads())) {
            ImageStep s = new ImageStep(workflow, engine, options.indicators(), options.parameters());
            step = s;
            if (cancelled) s.cancel();
            List<Future<BatchItem>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    BatchItem it = one(s, f);
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
        audit.append(AuditLog.Event.BATCH_FINISHED, options.folder(), null, Map.of("counts", counts, "cancelled", cancelled));
        return items;
    }

    /** Writes summary.jsonl, summary.csv and index.html into the output folder. */
    public void writeSummaries(List<BatchItem> items) throws IOException {
        BatchSummaries.writeJsonLines(options.out().resolve(BatchSummaries.JSONL), items);
        BatchSummaries.writeCsv(options.out().resolve(BatchSummaries.CSV), items);
        HtmlIndex.write(options.out().resolve(HtmlIndex.FILE), options.folder(), items,
                "Case folder " + caseFolder.dir() + ", model set " + modelSet + ".");
    }

    /** One file through the step, then its thumbnail in the case folder and its JSON and thumbnail in the output folder. */
    private BatchItem one(ImageStep s, Path file) {
        String rel = options.folder().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        ImageStep.Result r = s.run(file, rel);
        BatchItem row = r.row();
        if (r.result() == null) return row;
        try {
            Path thumb = caseFolder.results().thumbnail(row.sha256());
            if (r.image() != null) Thumbnails.write(thumb, r.image().image());   // analysed now: decoded
            if (options.out() == null) return row;
            String jsonRel = "json/" + rel + ".json", thumbRel = null;
            OutputGuard.writeString(options.out().resolve(jsonRel), r.result().jsonText());
            if (Files.isRegularFile(thumb)) {
                thumbRel = "thumbs/" + row.sha256().substring(0, 32) + ".jpg";
                Path t = options.out().resolve(thumbRel);
                if (!Files.isRegularFile(t)) {
                    byte[] b = Files.readAllBytes(thumb);
                    OutputGuard.writeAtomically(t, o -> o.write(b));
                }
            }
            return row.withOutputs(jsonRel, thumbRel);
        } catch (IOException | RuntimeException e) {
            return new BatchItem(rel, row.path(), BatchItem.Status.ERROR, row.sha256(), row.size(), "", 0, 0, List.of(),
                    "Cannot analyse " + file.getFileName() + ": " + e.getMessage(), row.millis(), null, null);
        }
    }

    /** Deletes temporary files a killed run left in our own output folders (never in the evidence). */
    static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        int n = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(OutputGuard::isLeftover).toList()) {
                Files.deleteIfExists(p);
                n++;
            }
        }
        return n;
    }
}
