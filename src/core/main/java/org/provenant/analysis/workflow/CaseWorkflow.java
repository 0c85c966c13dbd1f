package org.provenant.analysis.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.AnalysisRun;
import org.provenant.analysis.ReportJson;
import org.provenant.analysis.ToolVersion;
import org.provenant.analysis.casefolder.AuditLog;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.casefolder.ResultStore;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;

/**
 * The case workflow, the one way every caller (analyze, report, batch, the workbench, the comparison, the report
 * export, a cluster job) turns an evidence file into results: look up what is stored ({@link #lookup}: the read is
 * logged with the file's SHA-256, a change since the last read is logged and warned about, and reused outcomes are
 * logged), run only what is missing on the analysis engine ({@link #start}: progress and cancel go through the
 * engine's {@link AnalysisRun}), merge ({@link Lookup#merge}), log and store ({@link #record}), and log an export
 * ({@link #exported}). {@link #analyse} does the steps in one call; the window calls them one at a time to show
 * stored outcomes at once and run the rest as a task.
 *
 * <p>The reuse rule, the same everywhere: a chosen indicator whose finished (DONE) outcome is stored for the same
 * SHA-256 under the same key ({@link ResultKey}: tool version, code, models, parameters) is not run again; the
 * others are (a partial stored analysis, e.g. from {@code batch --only}, is completed, not redone). A cancelled run
 * is neither stored nor logged as an analysis. The audit log gets {@code evidence-read} (and {@code
 * evidence-changed}), {@code results-reused} when at least one outcome is reused and {@code analysed} when at
 * least one indicator ran, always before the store is written, so no stored result is unexplained by the log.
 */
public final class CaseWorkflow {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ResultStore store;
    private final AuditLog audit;
    private final ModelRegistry models;

    /** A workflow over this store and audit log (a case folder's, or another store standing in for it). */
    public CaseWorkflow(ResultStore store, AuditLog audit, ModelRegistry models) {
        this.store = store;
        this.audit = audit;
        this.models = models;
    }

    /** The workflow of a case folder: its stored results and its audit log. */
    public CaseWorkflow(CaseFolder folder, ModelRegistry models) {
        this(folder.results(), folder.audit(), models);
    }

    /** Opens (or creates) the case folder and returns its workflow. */
    public static CaseWorkflow open(Path caseDir, ModelRegistry models) throws CaseFileException {
        return new CaseWorkflow(CaseFolder.open(caseDir), models);
    }

    public ModelRegistry models() { return models; }

    public AuditLog audit() { return audit; }

    public ResultStore store() { return store; }

    /** The key results made with these parameters are stored under ({@link ResultKey}). */
    public String key(Map<String, String> parameters) {
        return ResultKey.of(models, parameters);
    }

    /**
     * Logs the read of the evidence (its SHA-256 as read; a change since the last read is logged as
     * {@code evidence-changed}) and looks up its stored analysis under the key of these parameters; logs
     * {@code results-reused} when at least one chosen indicator is answered. A failing audit log does not stop the
     * work: the lookup then carries the reason ({@link Lookup#warning}).
     */
    public Lookup lookup(Path evidence, String sha256, List<Indicator> indicators, Map<String, String> parameters) {
        long t0 = System.nanoTime();
        String previous = null, auditError = null;
        try {
            previous = audit.recordRead(evidence, sha256).orElse(null);
        } catch (IOException e) {
            auditError = e.getMessage();
        }
        String key = key(parameters);
        Optional<ResultStore.Stored> stored = store.load(sha256, key);
        List<Indicator> toRun = indicators.stream().filter(i -> stored.flatMap(s -> s.done(i.id())).isEmpty()).toList();
        Lookup l = new Lookup(evidence, sha256, indicators, parameters, key, stored, toRun, previous, auditError, t0);
        if (!l.reusedIds().isEmpty()) {
            try {
                audit.append(AuditLog.Event.RESULTS_REUSED, evidence, sha256, Map.of("modelSet", key, "indicators", l.reusedIds()));
            } catch (IOException e) {
                l = new Lookup(evidence, sha256, indicators, parameters, key, stored, toRun, previous, e.getMessage(), t0);
            }
        }
        return l;
    }

    /** The loaded image's {@link #lookup}. */
    public Lookup lookup(LoadedImage image, List<Indicator> indicators, Map<String, String> parameters) {
        return lookup(image.path(), image.sha256(), indicators, parameters);
    }

    /** A window's {@link #lookup}: first logs that it opened the file ({@code where}: "workbench", "comparison"). */
    public Lookup lookup(LoadedImage image, List<Indicator> indicators, Map<String, String> parameters, String where) {
        try {
            audit.append(AuditLog.Event.OPENED, image.path(), image.sha256(), Map.of("where", where));
        } catch (IOException e) {
            return Lookup.unrecorded(image, indicators, parameters, e.getMessage());
        }
        return lookup(image, indicators, parameters);
    }

    /** A lookup that reuses nothing and logs nothing: the examiner asked to analyse again. */
    public Lookup rerun(LoadedImage image, List<Indicator> indicators, Map<String, String> parameters) {
        return new Lookup(image.path(), image.sha256(), indicators, parameters, key(parameters), Optional.empty(),
                indicators, null, null, System.nanoTime());
    }

    /** Starts the indicators the lookup left to run, with its parameters; returns at once (cancel through the run). */
    public AnalysisRun start(AnalysisEngine engine, Lookup lookup, LoadedImage image, AnalysisListener listener) {
        return engine.start(lookup.input(image), lookup.toRun(), listener);
    }

    /**
     * Logs ({@code analysed}: tool version, key, every model's SHA-256, the parameters, the indicators that ran)
     * and stores a merged analysis ({@link Lookup#merge}), unless it was cancelled, nothing ran, or the lookup is
     * {@linkplain Lookup#unrecorded unrecorded}. Returns whether
     * it was stored.
     */
    public boolean record(Lookup lookup, LoadedImage image, AnalysisReport merged) throws IOException {
        if (merged.cancelled() || lookup.complete() || !lookup.recorded()) return false;
        Map<String, String> hashes = ResultKey.modelHashes(models);
        // logged before it is stored: a kill in between never leaves a stored result the log does not explain
        audit.append(AuditLog.Event.ANALYSED, image.path(), image.sha256(), Map.of(
                "toolVersion", ToolVersion.current(), "modelSet", lookup.key(), "models", hashes,
                "parameters", new TreeMap<>(lookup.parameters()),
                "indicators", lookup.toRun().stream().map(Indicator::id).toList(),
                "millis", (System.nanoTime() - lookup.startNanos()) / 1_000_000));
        AnalysisReport keep = lookup.toKeep(merged);
        ObjectNode tree = ReportJson.toTree(image, keep, false);
        ObjectNode st = tree.putObject("stored");
        st.put("modelSet", lookup.key());
        st.put("toolVersion", ToolVersion.current());
        st.put("analysedAt", Instant.now().toString());
        st.set("models", MAPPER.valueToTree(hashes));
        store.save(image.sha256(), tree, keep);
        return true;
    }

    /** One file's analysis: the report of the chosen indicators and the JSON form of it. */
    public record Analysed(AnalysisReport report, ObjectNode image, Lookup lookup) {
        /** The tree {@code analyze --json} writes ({@code withMapFiles}: with {@code --maps}). */
        public ObjectNode json(boolean withMapFiles) {
            return ReportJson.toTree(image, report, withMapFiles);
        }

        /** The text {@code analyze --json} writes without {@code --maps}, byte for byte. */
        public String jsonText() {
            return ReportJson.text(json(false));
        }

        /** True when nothing ran: every chosen indicator came from the store. */
        public boolean reused() {
            return lookup.complete();
        }
    }

    /**
     * Every step for a loaded image: lookup, run what is missing (progress to {@code listener}; {@code onStart}
     * gets the run, to cancel it), merge, log and store. A cancelled run comes back cancelled and is not stored.
     */
    public Analysed analyse(AnalysisEngine engine, LoadedImage image, List<Indicator> indicators,
                            Map<String, String> parameters, AnalysisListener listener) throws IOException, InterruptedException {
        return complete(engine, lookup(image, indicators, parameters), image, listener, r -> { });
    }

    /** Runs what the lookup left, merges, logs and stores ({@code onStart} gets the run, to cancel it). */
    public Analysed complete(AnalysisEngine engine, Lookup lookup, LoadedImage image, AnalysisListener listener,
                             java.util.function.Consumer<AnalysisRun> onStart) throws IOException, InterruptedException {
        AnalysisReport merged = lookup.reused();
        if (!lookup.complete()) {
            AnalysisRun run = start(engine, lookup, image, listener);
            onStart.accept(run);
            merged = lookup.merge(run.await());
            record(lookup, image, merged);
        }
        return new Analysed(merged, ReportJson.imageBlock(image), lookup);
    }

    /** The analysis of a complete lookup from the store alone, without decoding the image (a batch's reuse). */
    public Analysed stored(Lookup lookup) {
        if (!lookup.complete()) throw new IllegalArgumentException("the stored analysis does not answer every indicator");
        return new Analysed(lookup.reused(), lookup.storedImageBlock(), lookup);
    }

    /** Logs a file made from these analyses (a PDF report, a JSON), with its SHA-256, once per evidence file. */
    public String exported(List<LoadedImage> evidence, Path file) throws IOException {
        String sha = ImageLoader.sha256(Files.readAllBytes(file));
        for (LoadedImage li : evidence) {
            audit.append(AuditLog.Event.REPORT_EXPORTED, li.path(), li.sha256(), Map.of(
                    "report", file.toAbsolutePath().normalize().toString(), "reportSha256", sha,
                    "toolVersion", ToolVersion.current()));
        }
        return sha;
    }

    /** The audit entries about this evidence (by SHA-256 or path) without the batch's own lines: the chain of custody. */
    public List<AuditLog.Entry> custody(LoadedImage image) throws IOException {
        return audit.entriesFor(image.path(), image.sha256()).stream()
                .filter(e -> !e.event().equals(AuditLog.Event.BATCH_STARTED.word()) && !e.event().equals(AuditLog.Event.BATCH_FINISHED.word()))
                .toList();
    }
}
