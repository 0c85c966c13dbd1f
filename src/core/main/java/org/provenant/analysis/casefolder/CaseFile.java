package org.provenant.analysis.casefolder;

import java.util.ArrayList;
import java.util.List;

/**
 * The examiner's case data for one evidence file: case number, examiner, free notes and the annotations.
 * Stored as JSON beside the evidence ({@link CaseFiles#pathFor}), never inside it.
 *
 * @param caseNumber     e.g. "2026-0415"
 * @param examiner       the examiner's name
 * @param notes          free text for the report cover
 * @param evidenceFile   the evidence file's name when saved (for the examiner's orientation)
 * @param evidenceSha256 SHA-256 of the evidence when saved, or empty; a mismatch on reload means the evidence
 *                       changed since the annotations were made
 * @param annotations    in drawing order
 */
public record CaseFile(String caseNumber, String examiner, String notes, String evidenceFile, String evidenceSha256,
                       List<Annotation> annotations) {
    public CaseFile {
        caseNumber = caseNumber == null ? "" : caseNumber;
        examiner = examiner == null ? "" : examiner;
        notes = notes == null ? "" : notes;
        evidenceFile = evidenceFile == null ? "" : evidenceFile;
        evidenceSha256 = evidenceSha256 == null ? "" : evidenceSha256;
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    public static CaseFile empty() {
        return new CaseFile("", "", "", "", "", List.of());
    }

    public CaseFile withAnnotation(Annotation a) {
        List<Annotation> l = new ArrayList<>(annotations);
        l.add(a);
        return new CaseFile(caseNumber, examiner, notes, evidenceFile, evidenceSha256, l);
    }

    public CaseFile withAnnotations(List<Annotation> l) {
        return new CaseFile(caseNumber, examiner, notes, evidenceFile, evidenceSha256, l);
    }

    public CaseFile withCase(String caseNumber, String examiner, String notes) {
        return new CaseFile(caseNumber, examiner, notes, evidenceFile, evidenceSha256, annotations);
    }

    public CaseFile withEvidence(String evidenceFile, String evidenceSha256) {
        return new CaseFile(caseNumber, examiner, notes, evidenceFile, evidenceSha256, annotations);
    }
}
