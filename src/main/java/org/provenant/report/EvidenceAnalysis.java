package org.provenant.report;

import java.time.Instant;
import java.util.List;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.io.LoadedImage;
import org.provenant.report.casefile.Annotation;
import org.provenant.report.casefile.AuditLog;

/**
 * One evidence file as the report shows it: the file, its analysis, when it was analysed, the examiner's
 * annotations on it, and the case folder's audit entries about it (chain of custody; may be empty).
 */
public record EvidenceAnalysis(LoadedImage image, AnalysisReport analysis, Instant analysedAt, List<Annotation> annotations,
                               List<AuditLog.Entry> custody) {
    public EvidenceAnalysis {
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
        custody = custody == null ? List.of() : List.copyOf(custody);
    }

    public EvidenceAnalysis(LoadedImage image, AnalysisReport analysis, Instant analysedAt, List<Annotation> annotations) {
        this(image, analysis, analysedAt, annotations, List.of());
    }
}
