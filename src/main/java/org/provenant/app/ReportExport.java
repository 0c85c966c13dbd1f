package org.provenant.app;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.provenant.ml.ModelEntry;
import org.provenant.report.EvidenceAnalysis;
import org.provenant.report.PdfReport;
import org.provenant.report.ReportRequest;
import org.provenant.report.casefile.CaseFile;

/**
 * "Export report...": asks for the PDF file, then writes it in the background through the report branch's
 * {@link PdfReport} from analyses the window already holds (the evidence supplier may analyse what is missing; it
 * runs on the background thread). Shared by the main window and the comparison view.
 */
public final class ReportExport {
    /** Asks for the output file: (owner window, suggested file name) -> chosen path or null. Tests inject their own. */
    public interface Chooser extends BiFunction<Window, String, Path> { }

    /** The real chooser: a save dialog for PDF files. */
    public static final Chooser DIALOG = (owner, suggested) -> {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the report as PDF");
        fc.setInitialFileName(suggested);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF report", "*.pdf"));
        File f = fc.showSaveDialog(owner);
        if (f == null) return null;
        return f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? f.toPath()
                : f.toPath().resolveSibling(f.getName() + ".pdf");
    };

    private ReportExport() { }

    /** A report file name from the evidence name: "photo.jpg" -> "photo-report.pdf". */
    public static String suggestedName(String evidenceName) {
        int dot = evidenceName.lastIndexOf('.');
        return (dot > 0 ? evidenceName.substring(0, dot) : evidenceName) + "-report.pdf";
    }

    /**
     * The task that writes the report; its value is the success line ("Report written: PATH (N pages)"), its
     * failure message the error line. Refuses to write over one of the evidence files or their case files.
     */
    public static Task<String> task(Path out, CaseFile caseData, java.util.concurrent.Callable<List<EvidenceAnalysis>> evidence,
                                    List<ModelEntry> models) {
        return new Task<>() {
            @Override protected String call() throws Exception {
                List<EvidenceAnalysis> ev = evidence.call();
                Path abs = out.toAbsolutePath().normalize();
                for (EvidenceAnalysis e : ev) {
                    Path p = e.image().path().toAbsolutePath().normalize();
                    if (p.equals(abs) || org.provenant.report.casefile.CaseFiles.pathFor(p).normalize().equals(abs)) {
                        throw new IllegalArgumentException(out.getFileName() + " is the evidence or its case file; choose another name");
                    }
                }
                ReportRequest req = new ReportRequest(caseData.caseNumber(), caseData.examiner(), caseData.notes(), ev,
                        models, ReportRequest.currentToolVersion(), java.time.Instant.now());
                int pages = PdfReport.write(req, out);
                return "Report written: " + abs + " (" + pages + " pages)";
            }
        };
    }

    /** Wires the task's end to the window's success and error lines. */
    public static void onEnd(Task<String> t, Path out, Consumer<String> success, Consumer<String> error) {
        t.setOnSucceeded(e -> success.accept(t.getValue()));
        t.setOnFailed(e -> {
            Throwable x = t.getException();
            String why = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
            error.accept("Cannot write the report " + out.getFileName() + ": " + why);
        });
    }
}
