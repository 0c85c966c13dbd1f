package org.provenant.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.core.io.OutputGuard;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.EvidenceAnalysis;
import org.provenant.report.PdfReport;
import org.provenant.report.ReportRequest;
import org.provenant.analysis.casefolder.CaseFile;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.casefolder.CaseFiles;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.analysis.workflow.Lookup;

/**
 * {@code report IMAGE [IMAGE...] --out case.pdf [--case DIR] [--case-number N] [--examiner NAME] [--notes TEXT]}:
 * analyses 1 to 4 images with every registered indicator and writes one PDF (two or more images make a comparison
 * report). Each image goes through the {@link CaseWorkflow} of the case folder ({@code --case DIR}, else
 * {@link CaseFolder#defaultDir()}): stored results of the same file, code and models are reused and only the missing
 * indicators run; the reads, the analysis and the exported PDF (with its SHA-256) go into the case's audit log, and
 * the PDF lists the audit entries of each evidence file. The case folder also supplies each image's annotations (a
 * legacy {@code IMAGE.provenant.json} beside it is read, never written), and the case number, examiner and notes
 * unless given on the command line.
 */
public final class ReportCommand implements Command {
    @Override public String name() { return "report"; }

    @Override public String usage() {
        return "report IMAGE [IMAGE...] --out case.pdf [--case DIR] [--case-number N] [--examiner NAME] [--notes TEXT]";
    }

    @Override public String description() {
        return """
                Analyses 1 to 4 images and writes one PDF report: the overall assessment, every indicator's findings, maps and
                figures, the examiner's annotations and the chain of custody; two or more images make a comparison report with a
                side-by-side summary. Stored results of the same files, code and models are reused, and only the indicators
                without one run.
                  --out FILE           the PDF to write (never an evidence file, never in an evidence folder)
                  --case DIR           the case folder: annotations, audit log, stored results (default ~/Provenant/cases/default)
                  --case-number N      case number; --examiner NAME; --notes TEXT (these win over the case folder's)""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<Path> images = new ArrayList<>();
        Path pdf = null, caseDir = null;
        String caseNumber = null, examiner = null, notes = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--out") || a.equals("--case") || a.equals("--examiner") || a.equals("--notes") || a.equals("--case-number")) {
                if (i + 1 >= args.size()) throw new UsageException(a + " needs a value");
                String v = args.get(++i);
                switch (a) {
                    case "--out" -> pdf = Path.of(v);
                    case "--case-number" -> caseNumber = v;
                    case "--examiner" -> examiner = v;
                    case "--case" -> caseDir = Path.of(v);
                    default -> notes = v;
                }
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else {
                images.add(Path.of(a));
            }
        }
        if (images.isEmpty()) throw new UsageException("no image given");
        if (images.size() > PdfReport.MAX_IMAGES) {
            throw new UsageException("a report compares at most " + PdfReport.MAX_IMAGES + " images, got " + images.size());
        }
        if (pdf == null) throw new UsageException("--out case.pdf is required");
        OutputGuard.check(pdf, images);

        ImageLoader loader = new ImageLoader();
        List<LoadedImage> loaded = new ArrayList<>();
        List<CaseFile> cases = new ArrayList<>();
        CaseFolder folder;
        try {
            folder = CaseFolder.open(caseDir == null ? CaseFolder.defaultDir() : caseDir);
        } catch (CaseFileException e) {
            err.println(e.getMessage());
            return 1;
        }
        List<EvidenceAnalysis> evidence = new ArrayList<>();
        ReportRequest req;
        CaseWorkflow workflow;
        try (ModelRegistry models = ModelRegistry.locate(); AnalysisEngine engine = new AnalysisEngine(models)) {
            workflow = new CaseWorkflow(folder, models);
            List<Lookup> lookups = new ArrayList<>();
            for (Path img : images) {
                LoadedImage li = loader.load(img);
                Lookup lookup = workflow.lookup(li, IndicatorRegistry.all(), Map.of());   // the read, logged with its SHA-256
                lookup.warning().ifPresent(err::println);
                CaseFile cf;
                try {
                    cf = CaseFiles.load(folder, img, li.sha256()).orElse(CaseFile.empty());
                } catch (CaseFileException e) {
                    err.println(e.getMessage());
                    return 1;
                }
                if (!cf.evidenceSha256().isBlank() && !cf.evidenceSha256().equalsIgnoreCase(li.sha256())) {
                    err.println("Warning: the case data of " + li.fileName() + " was saved for a file with another SHA-256;"
                            + " its annotations may not fit " + li.fileName());
                }
                loaded.add(li);
                cases.add(cf);
                lookups.add(lookup);
            }
            for (int i = 0; i < loaded.size(); i++) {
                LoadedImage li = loaded.get(i);
                Lookup lookup = lookups.get(i);
                Instant when = Instant.now();
                if (lookup.complete()) {
                    out.println("Using the stored analysis of " + li.fileName() + " (same SHA-256, code and models)");
                } else if (lookup.reusedIds().isEmpty()) {
                    out.println("Analysing " + li.fileName() + " ...");
                } else {
                    out.println("Analysing " + li.fileName() + ": " + lookup.toRun().size() + " indicators ("
                            + lookup.reusedIds().size() + " stored) ...");
                }
                AnalysisReport rep = workflow.complete(engine, lookup, li, AnalysisListener.NONE, run -> { }).report();
                evidence.add(new EvidenceAnalysis(li, rep, when, cases.get(i).annotations(), cases.get(i).evidenceSha256(),
                        workflow.custody(li)));
            }
            req = ReportRequest.of(caseNumber, examiner, notes, evidence, cases, models.entries());
        }
        int pages;
        try {
            pages = PdfReport.write(req, pdf);
        } catch (IOException e) {
            err.println("Cannot write " + pdf + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
        String pdfSha = workflow.exported(loaded, pdf);
        out.println("Wrote " + pdf + " (" + pages + " pages, SHA-256 " + pdfSha + "; logged in " + folder.audit().file() + ")");
        return 0;
    }
}
