package org.provenant.report;

import java.time.Instant;
import java.util.List;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.io.LoadedImage;
import org.provenant.report.casefile.Annotation;

/**
 * One evidence file as the report shows it: the file, its analysis, when it was analysed, and the examiner's
 * annotations on it.
 */
public record EvidenceAnalysis(LoadedImage image, AnalysisReport analysis, Instant analysedAt, List<Annotation> annotations) {
    public EvidenceAnalysis {
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }
}
