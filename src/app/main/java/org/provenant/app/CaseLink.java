package org.provenant.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.CaseRecords;
import org.provenant.report.casefile.CaseFolder;

/**
 * What the workbench and the comparison view record in the open case folder ({@link CaseSession}): each read of
 * an evidence file (with its SHA-256, warning when it changed since the last read), its stored results (shown
 * instead of a new analysis when the file's SHA-256 and the model set are unchanged; only the indicators without
 * a stored result are run), and each finished analysis. Called off the JavaFX thread.
 */
final class CaseLink {
    /** What opening a file found in the case folder. */
    record Opened(Optional<String> warning, Optional<AnalysisReport> stored, Optional<AnalysisReport> partial) {
        /** The indicators that have no stored result and must be run (none when every one is stored). */
        List<Indicator> toRun(List<Indicator> indicators) {
            if (stored.isPresent()) return List.of();
            return partial.map(p -> indicators.stream().filter(i -> p.outcome(i.id()).isEmpty()).toList())
                    .orElse(List.copyOf(indicators));
        }
    }

    private CaseLink() { }

    static Opened opened(LoadedImage li, List<Indicator> indicators, ModelRegistry models) {
        return opened(li, indicators, models, "workbench");
    }

    /** Logs the opening ({@code where}: "workbench", "comparison") and the read, and looks up stored results. */
    static Opened opened(LoadedImage li, List<Indicator> indicators, ModelRegistry models, String where) {
        try {
            return opened(CaseSession.current(), li, indicators, models, where);
        } catch (Exception e) {
            return new Opened(Optional.of("The case folder could not record the opening of " + li.fileName() + ": "
                    + e.getMessage()), Optional.empty(), Optional.empty());
        }
    }

    static Opened opened(CaseFolder folder, LoadedImage li, List<Indicator> indicators, ModelRegistry models, String where)
            throws java.io.IOException {
        folder.audit().append(org.provenant.report.casefile.AuditLog.Event.OPENED, li.path(), li.sha256(),
                Map.of("where", where));
        Optional<String> warning = CaseRecords.read(folder, li);
        Optional<AnalysisReport> stored = CaseRecords.stored(folder, models, li, indicators);
        Optional<AnalysisReport> partial = stored.isPresent() ? Optional.empty() : CaseRecords.storedPart(folder, models, li, indicators);
        if (stored.isPresent()) CaseRecords.reused(folder, models, li, stored.get());
        if (partial.isPresent()) CaseRecords.reused(folder, models, li, partial.get());
        return new Opened(warning, stored, partial);
    }

    /** The stored outcomes and the new ones, in panel order; cancelled when the new run was cancelled. */
    static AnalysisReport merge(List<Indicator> indicators, AnalysisReport stored, AnalysisReport fresh) {
        List<org.provenant.analysis.IndicatorOutcome> out = new java.util.ArrayList<>();
        for (Indicator i : indicators) {
            stored.outcome(i.id()).or(() -> fresh.outcome(i.id())).ifPresent(out::add);
        }
        return new AnalysisReport(out, fresh.cancelled());
    }

    /** Stores the finished analysis and logs it; returns an error sentence, or null. */
    static String analysed(LoadedImage li, ModelRegistry models, AnalysisReport report) {
        return analysed(li, models, report, Map.of());
    }

    /** Stores the finished analysis made with these examiner's parameters and logs it; an error sentence, or null. */
    static String analysed(LoadedImage li, ModelRegistry models, AnalysisReport report, Map<String, String> parameters) {
        try {
            CaseRecords.analysed(CaseSession.current(), models, li, report, parameters);
            return null;
        } catch (Exception e) {
            return "The analysis of " + li.fileName() + " could not be stored in the case folder: " + e.getMessage();
        }
    }
}
