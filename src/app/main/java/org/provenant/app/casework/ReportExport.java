package org.provenant.app.casework;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javafx.concurrent.Task;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.casefolder.CaseFile;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.core.io.LoadedImage;
import org.provenant.core.io.OutputGuard;
import org.provenant.indicators.Indicator;
import org.provenant.report.EvidenceAnalysis;
import org.provenant.report.PdfReport;
import org.provenant.report.ReportRequest;

/**
 * "Export report" from the workbench and the comparison view: the same PDF as {@code provenant report IMAGE --out
 * FILE}, for the image(s) on screen and their analyses, with the annotations and case data. The writing methods use
 * no JavaFX, so they run on a background thread; the windows only pick the file ({@link Chooser}) and show the
 * outcome.
 */
public final class ReportExport {
    private ReportExport() { }

    /** Asks for the output file: (owner window, suggested file) -> chosen path, or null when cancelled. Tests inject their own. */
    public interface Chooser extends BiFunction<Window, Path, Path> { }

    /** The real chooser: a save dialog for PDF files, in the suggested folder; ".pdf" is added when missing. */
    public static final Chooser DIALOG = (owner, suggested) -> {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the report as PDF");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF report", "*.pdf"));
        Path dir = suggested.toAbsolutePath().getParent();
        if (dir != null && Files.isDirectory(dir)) fc.setInitialDirectory(dir.toFile());
        fc.setInitialFileName(suggested.getFileName().toString());
        File f = fc.showSaveDialog(owner);
        if (f == null) return null;
        return f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? f.toPath()
                : f.toPath().resolveSibling(f.getName() + ".pdf");
    };

    /**
     * Suggested target: {@code <file name>-report.pdf} in the open case folder's {@code reports/}, never beside the
     * evidence (no file is ever created in an evidence folder; {@link OutputGuard}).
     */
    public static Path defaultTarget(LoadedImage image, CaseSession session) {
        return reportFolder(session).resolve(image.path().getFileName() + "-report.pdf");
    }

    /** Where the save dialog starts: the open case folder's reports/, else the user's home folder. */
    public static Path reportFolder(CaseSession session) {
        try {
            return session.current().dir().resolve("reports");
        } catch (CaseFileException e) {
            return Path.of(System.getProperty("user.home", ".")).toAbsolutePath();
        }
    }

    /** The one-line refusal when {@code out} may not be written for this evidence, or null when it may. */
    public static String refusal(Path out, List<Path> evidence) {
        try {
            OutputGuard.check(out, evidence);
            return null;
        } catch (OutputGuard.RefusedException e) {
            return e.getMessage();
        }
    }

    /**
     * Writes the report of 1 to {@link PdfReport#MAX_IMAGES} analysed images (two or more: a comparison report)
     * with the annotations each {@link EvidenceAnalysis} carries, the case data of the first case file that has
     * any and each image's chain of custody; logs the export through the case workflow; returns the page count.
     * Refuses what {@link OutputGuard#check} refuses (the windows check first too).
     */
    public static int write(CaseWorkflow workflow, List<EvidenceAnalysis> evidence, List<CaseFile> caseFiles, Path out)
            throws IOException {
        Path target = out.toAbsolutePath().normalize();
        OutputGuard.check(target, evidence.stream().map(e -> e.image().path()).toList());
        List<EvidenceAnalysis> withCustody = new ArrayList<>();
        for (EvidenceAnalysis e : evidence) withCustody.add(e.withCustody(workflow.custody(e.image())));
        ReportRequest req = ReportRequest.of(null, null, null, withCustody, caseFiles, workflow.models().entries());
        if (target.getParent() != null) Files.createDirectories(target.getParent());
        int pages = PdfReport.write(req, target);
        workflow.exported(evidence.stream().map(EvidenceAnalysis::image).toList(), target);
        return pages;
    }

    /**
     * One image of a report to write: its finished analysis, or null to analyse it first (with these examiner's
     * parameters), when it was made, and its case file (annotations, case data).
     */
    public record Item(LoadedImage image, AnalysisReport report, Instant analysedAt, CaseFile caseFile, Map<String, String> parameters) { }

    /**
     * The background task of both windows' export: the images without a finished analysis go through the case
     * workflow first (stored results reused, the rest run, logged and stored), then the report is written
     * ({@link #write}); its value is the page count.
     */
    public static Task<Integer> task(CaseSession session, AnalysisEngine engine, List<Indicator> indicators, List<Item> items, Path out) {
        return new Task<>() {
            @Override protected Integer call() throws Exception {
                CaseWorkflow workflow;
                try {
                    workflow = session.workflow(engine.models());
                } catch (CaseFileException e) {
                    throw new IOException(e.getMessage(), e);
                }
                List<EvidenceAnalysis> all = new ArrayList<>();
                for (Item it : items) {
                    AnalysisReport r = it.report();
                    Instant when = it.analysedAt();
                    if (r == null) {
                        when = Instant.now();
                        r = workflow.analyse(engine, it.image(), indicators, it.parameters(), AnalysisListener.NONE).report();
                    }
                    all.add(new EvidenceAnalysis(it.image(), r, when, it.caseFile().annotations(), it.caseFile().evidenceSha256()));
                }
                return write(workflow, all, items.stream().map(Item::caseFile).toList(), out);
            }
        };
    }

    /** The success line both windows show. */
    public static String written(Path out, int pages) {
        return "Report written: " + out.toAbsolutePath() + " (" + pages + " pages)";
    }

    /** The error line both windows show. */
    public static String failed(Path out, Throwable e) {
        return "Cannot write report " + out.getFileName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
