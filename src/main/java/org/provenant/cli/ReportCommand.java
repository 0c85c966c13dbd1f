package org.provenant.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.core.io.OutputGuard;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.EvidenceAnalysis;
import org.provenant.report.PdfReport;
import org.provenant.report.ReportRequest;
import org.provenant.report.casefile.CaseFile;
import org.provenant.report.casefile.CaseFileException;
import org.provenant.report.casefile.CaseFiles;

/**
 * {@code report IMAGE [IMAGE...] --out case.pdf [--case N] [--examiner NAME] [--notes TEXT]}: analyses 1 to 4
 * images with every registered indicator and writes one PDF (two or more images make a comparison report).
 * The case file beside each image ({@code IMAGE.provenant.json}) supplies its annotations, and the case number,
 * examiner and notes unless given on the command line.
 */
public final class ReportCommand implements Command {
    @Override public String name() { return "report"; }

    @Override public String usage() {
        return "report IMAGE [IMAGE...] --out case.pdf [--case N] [--examiner NAME] [--notes TEXT]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<Path> images = new ArrayList<>();
        Path pdf = null;
        String caseNumber = null, examiner = null, notes = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--out") || a.equals("--case") || a.equals("--examiner") || a.equals("--notes")) {
                if (i + 1 >= args.size()) throw new UsageException(a + " needs a value");
                String v = args.get(++i);
                switch (a) {
                    case "--out" -> pdf = Path.of(v);
                    case "--case" -> caseNumber = v;
                    case "--examiner" -> examiner = v;
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
        for (Path img : images) {
            LoadedImage li = loader.load(img);
            CaseFile cf;
            try {
                cf = CaseFiles.load(img).orElse(CaseFile.empty());
            } catch (CaseFileException e) {
                err.println(e.getMessage());
                return 1;
            }
            if (!cf.evidenceSha256().isBlank() && !cf.evidenceSha256().equalsIgnoreCase(li.sha256())) {
                err.println("Warning: " + CaseFiles.pathFor(img).getFileName() + " was saved for a file with another SHA-256;"
                        + " its annotations may not fit " + li.fileName());
            }
            loaded.add(li);
            cases.add(cf);
        }
        List<EvidenceAnalysis> evidence = new ArrayList<>();
        ReportRequest req;
        try (ModelRegistry models = ModelRegistry.locate(); AnalysisEngine engine = new AnalysisEngine(models)) {
            for (int i = 0; i < loaded.size(); i++) {
                LoadedImage li = loaded.get(i);
                out.println("Analysing " + li.fileName() + " ...");
                Instant when = Instant.now();
                AnalysisReport rep = engine.analyze(AnalysisInput.of(li), IndicatorRegistry.all(), AnalysisListener.NONE);
                evidence.add(new EvidenceAnalysis(li, rep, when, cases.get(i).annotations(), cases.get(i).evidenceSha256()));
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
        out.println("Wrote " + pdf + " (" + pages + " pages)");
        return 0;
    }
}
