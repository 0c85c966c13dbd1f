package org.provenant.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.casefile.AuditLog;
import org.provenant.report.casefile.CaseFolder;
import org.provenant.report.casefile.ResultStore;

/**
 * What the CLI and the workbench record in the case folder around one analysis or report: the read (with the
 * SHA-256; a change since the last read is returned as a warning), the stored results, the analysis with tool
 * version and model hashes, and an exported report with its SHA-256.
 */
public final class CaseRecords {
    private CaseRecords() { }

    /** Logs the read; returns a warning sentence when the evidence changed since it was last read. */
    public static Optional<String> read(CaseFolder folder, LoadedImage li) throws IOException {
        return folder.audit().recordRead(li.path(), li.sha256()).map(before -> "Warning: " + li.fileName()
                + " changed since it was last read (SHA-256 then " + before.substring(0, 16) + "..., now "
                + li.sha256().substring(0, 16) + "...); the change is logged in " + folder.audit().file());
    }

    /** Stored results of every one of these indicators for this file and the current models, if complete. */
    public static Optional<AnalysisReport> stored(CaseFolder folder, ModelRegistry models, LoadedImage li, List<Indicator> inds) {
        Optional<ResultStore.Stored> s = folder.results().load(li.sha256(), ResultStore.modelSet(models));
        List<String> ids = inds.stream().map(Indicator::id).toList();
        if (s.isEmpty() || !s.get().covers(ids)) return Optional.empty();
        return Optional.of(new AnalysisReport(ids.stream().map(id -> s.get().done(id).orElseThrow()).toList(), false));
    }

    /** The stored outcomes that finished (DONE) among these indicators, when there is at least one. */
    public static Optional<AnalysisReport> storedPart(CaseFolder folder, ModelRegistry models, LoadedImage li, List<Indicator> inds) {
        Optional<ResultStore.Stored> s = folder.results().load(li.sha256(), ResultStore.modelSet(models));
        if (s.isEmpty()) return Optional.empty();
        List<org.provenant.analysis.IndicatorOutcome> done = inds.stream().map(i -> s.get().done(i.id()))
                .flatMap(Optional::stream).toList();
        return done.isEmpty() ? Optional.empty() : Optional.of(new AnalysisReport(done, false));
    }

    /** Stores a finished analysis and logs it ({@code analysed}, with tool version, model set and hashes). */
    public static void analysed(CaseFolder folder, ModelRegistry models, LoadedImage li, AnalysisReport report) throws IOException {
        analysed(folder, models, li, report, Map.of());
    }

    /**
     * Stores a finished analysis made with these examiner's parameters (part of the model set: results made with
     * other settings are not shown as the defaults' ones) and logs it.
     */
    public static void analysed(CaseFolder folder, ModelRegistry models, LoadedImage li, AnalysisReport report,
                                Map<String, String> parameters) throws IOException {
        if (report.cancelled()) return;
        String set = ResultStore.modelSet(models, parameters);
        Map<String, String> hashes = ResultStore.modelHashes(models);
        folder.audit().append(AuditLog.Event.ANALYSED, li.path(), li.sha256(), Map.of(
                "toolVersion", ReportRequest.currentToolVersion(), "modelSet", set, "models", hashes,
                "parameters", new java.util.TreeMap<>(parameters),
                "indicators", report.outcomes().stream().map(o -> o.indicatorId()).toList()));
        folder.results().save(li, report, set, hashes);
    }

    /** Logs that stored results were shown instead of a new analysis. */
    public static void reused(CaseFolder folder, ModelRegistry models, LoadedImage li, AnalysisReport report) throws IOException {
        folder.audit().append(AuditLog.Event.RESULTS_REUSED, li.path(), li.sha256(), Map.of(
                "modelSet", ResultStore.modelSet(models),
                "indicators", report.outcomes().stream().map(o -> o.indicatorId()).toList()));
    }

    /** Logs an exported report, with its SHA-256, once for each evidence file in it. */
    public static String exported(CaseFolder folder, List<LoadedImage> evidence, Path pdf) throws IOException {
        String sha = ImageLoader.sha256(Files.readAllBytes(pdf));
        for (LoadedImage li : evidence) {
            folder.audit().append(AuditLog.Event.REPORT_EXPORTED, li.path(), li.sha256(), Map.of(
                    "report", pdf.toAbsolutePath().normalize().toString(), "reportSha256", sha,
                    "toolVersion", ReportRequest.currentToolVersion()));
        }
        return sha;
    }

    /** The audit entries about this evidence (by SHA-256 or path), for the report's chain-of-custody table. */
    public static List<AuditLog.Entry> custody(CaseFolder folder, LoadedImage li) throws IOException {
        return folder.audit().entriesFor(li.path(), li.sha256()).stream()
                .filter(e -> !e.event().equals(AuditLog.Event.BATCH_STARTED.word()) && !e.event().equals(AuditLog.Event.BATCH_FINISHED.word()))
                .toList();
    }
}
