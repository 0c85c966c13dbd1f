package org.provenant.report;

import java.time.Instant;
import java.util.List;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.io.LoadedImage;
import org.provenant.analysis.casefolder.Annotation;
import org.provenant.analysis.casefolder.AuditLog;

/**
 * One evidence file as the report shows it: the file, its analysis, when it was analysed, the examiner's
 * annotations on it, the SHA-256 its case file recorded (empty when none): a recorded hash that differs from
 * the file's is flagged in the report ({@link #caseFileMismatch}), never silently applied; and the case folder's
 * audit entries about it (chain of custody; may be empty).
 */
public record EvidenceAnalysis(LoadedImage image, AnalysisReport analysis, Instant analysedAt, List<Annotation> annotations,
                               String caseFileSha256, List<AuditLog.Entry> custody) {
    public EvidenceAnalysis {
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
        caseFileSha256 = caseFileSha256 == null ? "" : caseFileSha256.strip();
        custody = custody == null ? List.of() : List.copyOf(custody);
    }

    /** Without a case file's recorded hash and without audit entries. */
    public EvidenceAnalysis(LoadedImage image, AnalysisReport analysis, Instant analysedAt, List<Annotation> annotations) {
        this(image, analysis, analysedAt, annotations, "", List.of());
    }

    /** Without audit entries. */
    public EvidenceAnalysis(LoadedImage image, AnalysisReport analysis, Instant analysedAt, List<Annotation> annotations,
                            String caseFileSha256) {
        this(image, analysis, analysedAt, annotations, caseFileSha256, List.of());
    }

    /** The same evidence with the case folder's audit entries about it. */
    public EvidenceAnalysis withCustody(List<AuditLog.Entry> entries) {
        return new EvidenceAnalysis(image, analysis, analysedAt, annotations, caseFileSha256, entries);
    }

    /** Whether the case file recorded another file's SHA-256: its annotations and case data may not belong here. */
    public boolean caseFileMismatch() {
        return !caseFileSha256.isEmpty() && !caseFileSha256.equalsIgnoreCase(image.sha256());
    }
}
