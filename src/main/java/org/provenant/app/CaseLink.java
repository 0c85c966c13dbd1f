package org.provenant.app;

import java.util.List;
import java.util.Optional;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.CaseRecords;

/**
 * What the workbench records in the open case folder ({@link CaseSession}): each read of an evidence file (with
 * its SHA-256, warning when it changed since the last read), its stored results (shown instead of a new
 * analysis when the file's SHA-256 and the models are unchanged), and each finished analysis. Called off the
 * JavaFX thread.
 */
final class CaseLink {
    /** What opening a file found in the case folder. */
    record Opened(Optional<String> warning, Optional<AnalysisReport> stored, Optional<AnalysisReport> partial) { }

    private CaseLink() { }

    static Opened opened(LoadedImage li, List<Indicator> indicators, ModelRegistry models) {
        try {
            var folder = CaseSession.current();
            folder.audit().append(org.provenant.report.casefile.AuditLog.Event.OPENED, li.path(), li.sha256(),
                    java.util.Map.of("where", "workbench"));
            Optional<String> warning = CaseRecords.read(folder, li);
            Optional<AnalysisReport> stored = CaseRecords.stored(folder, models, li, indicators);
            Optional<AnalysisReport> partial = stored.isPresent() ? Optional.empty() : CaseRecords.storedPart(folder, models, li, indicators);
            if (stored.isPresent()) CaseRecords.reused(folder, models, li, stored.get());
            if (partial.isPresent()) CaseRecords.reused(folder, models, li, partial.get());
            return new Opened(warning, stored, partial);
        } catch (Exception e) {
            return new Opened(Optional.of("The case folder could not record the opening of " + li.fileName() + ": "
                    + e.getMessage()), Optional.empty(), Optional.empty());
        }
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
        try {
            CaseRecords.analysed(CaseSession.current(), models, li, report);
            return null;
        } catch (Exception e) {
            return "The analysis of " + li.fileName() + " could not be stored in the case folder: " + e.getMessage();
        }
    }
}
