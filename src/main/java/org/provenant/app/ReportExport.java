package org.provenant.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.io.LoadedImage;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.EvidenceAnalysis;
import org.provenant.report.PdfReport;
import org.provenant.report.ReportRequest;
import org.provenant.report.casefile.CaseFile;
import org.provenant.report.casefile.CaseFileException;
import org.provenant.report.casefile.CaseFiles;

/**
 * "Export report" from the workbench: the same PDF as {@code provenant report IMAGE --out FILE}, for the image
 * on screen and its last analysis, with the annotations and case data of the case file beside the evidence.
 * No JavaFX here, so it runs on a background thread; the window only picks the file and shows the outcome.
 */
public final class ReportExport {
    private ReportExport() { }

    /** Suggested target: beside the evidence, {@code <file name>-report.pdf}. */
    public static Path defaultTarget(LoadedImage image) {
        Path abs = image.path().toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + "-report.pdf");
    }

    /**
     * Writes the report and returns its page count.
     *
     * @throws IOException with a one-line message naming the file when the target is the evidence or its case
     *                     file, the case file is damaged, or the PDF cannot be written
     */
    public static int write(LoadedImage image, AnalysisReport analysis, Instant analysedAt, ModelRegistry models, Path out)
            throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path evidence = image.path().toAbsolutePath().normalize();
        if (target.equals(evidence) || Files.exists(target) && Files.isSameFile(target, evidence)) {
            throw new IOException(out.getFileName() + " is the evidence file itself; choose another name");
        }
        if (target.equals(CaseFiles.pathFor(evidence).normalize())) {
            throw new IOException(out.getFileName() + " is the evidence's case file; choose another name");
        }
        CaseFile cf;
        try {
            cf = CaseFiles.load(evidence).orElse(CaseFile.empty());
        } catch (CaseFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        EvidenceAnalysis ev = new EvidenceAnalysis(image, analysis, analysedAt, cf.annotations());
        ReportRequest req = ReportRequest.of(null, null, null, List.of(ev), List.of(cf),
                models == null ? List.of() : models.entries());
        return PdfReport.write(req, target);
    }
}
