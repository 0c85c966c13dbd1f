package org.provenant.report;

import java.time.Instant;
import java.util.List;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.io.LoadedImage;
import org.provenant.report.casefile.Annotation;

/**
 * One evidence file as the report shows it: the file, its analysis, when it was analysed, the examiner's
 * annotations on it, and the SHA-256 its case file recorded (empty when none): a recorded hash that differs from
 * the file's is flagged in the report ({@link #caseFileMismatch}), never silently applied.
 */
public record EvidenceAnalysis(LoadedImage image, AnalysisReport analysis, Instant analysedAt, List<Annotation> annotations,
                               String caseFileSha256) {
    public EvidenceAnalysis {
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
        caseFileSha256 = caseFileSha256 == null ? "" : caseFileSha256.strip();
    }

    /** Without a case file's recorded hash. */
    public EvidenceAnalysis(LoadedImage image, AnalysisReport analysis, Instant analysedAt, List<Annotation> annotations) {
        this(image, analysis, analysedAt, annotations, "");
    }

    /** Whether the case file recorded another file's SHA-256: its annotations and case data may not belong here. */
    public boolean caseFileMismatch() {
        return !caseFileSha256.isEmpty() && !caseFileSha256.equalsIgnoreCase(image.sha256());
    }
}
