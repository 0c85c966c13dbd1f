package org.provenant.report;

import java.time.Instant;
import java.util.List;
import org.provenant.analysis.ToolVersion;
import org.provenant.ml.ModelEntry;
import org.provenant.analysis.casefolder.CaseFile;

/**
 * Everything a PDF report shows.
 *
 * @param caseNumber  the case number (may be empty)
 * @param examiner    the examiner (may be empty)
 * @param notes       notes for the cover (may be empty)
 * @param evidence    one to {@link PdfReport#MAX_IMAGES} evidence files; two or more make a comparison report
 * @param models      the model manifest's entries (names and SHA-256 go into the report)
 * @param toolVersion e.g. "0.1.0"
 * @param created     when the report was made
 */
public record ReportRequest(String caseNumber, String examiner, String notes, List<EvidenceAnalysis> evidence,
                            List<ModelEntry> models, String toolVersion, Instant created) {
    public ReportRequest {
        caseNumber = caseNumber == null ? "" : caseNumber;
        examiner = examiner == null ? "" : examiner;
        notes = notes == null ? "" : notes;
        evidence = List.copyOf(evidence);
        models = models == null ? List.of() : List.copyOf(models);
        if (evidence.isEmpty() || evidence.size() > PdfReport.MAX_IMAGES) {
            throw new IllegalArgumentException("a report covers 1 to " + PdfReport.MAX_IMAGES + " images, not " + evidence.size());
        }
    }

    /**
     * A request made now with this build's version ({@link ToolVersion}): case number, examiner and notes as given where not null
     * (the command line, a dialog), else the first non-empty value among the evidence's case files. The CLI and
     * the workbench both build their reports here.
     */
    public static ReportRequest of(String caseNumber, String examiner, String notes, List<EvidenceAnalysis> evidence,
                                   List<CaseFile> caseFiles, List<ModelEntry> models) {
        return new ReportRequest(
                caseNumber != null ? caseNumber : first(caseFiles, CaseFile::caseNumber),
                examiner != null ? examiner : first(caseFiles, CaseFile::examiner),
                notes != null ? notes : first(caseFiles, CaseFile::notes),
                evidence, models, ToolVersion.current(), Instant.now());
    }

    private static String first(List<CaseFile> cases, java.util.function.Function<CaseFile, String> field) {
        for (CaseFile c : cases) {
            String v = field.apply(c);
            if (v != null && !v.isBlank()) return v;
        }
        return "";
    }
}
