package org.provenant.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.provenant.analysis.ScoreFormat;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.MapPictures;
import org.provenant.analysis.ReportJson;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.core.io.OutputGuard;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.CaseRecords;
import org.provenant.report.casefile.CaseFileException;
import org.provenant.report.casefile.CaseFolder;

/**
 * {@code analyze IMAGE [--json out.json] [--maps DIR]}: runs every registered indicator through the analysis
 * engine, prints each one's verdict, scores with their meaning, and explanation; optionally writes the JSON
 * ({@link ReportJson}) and each map as a PNG with its legend ({@link MapPictures}). Output paths are checked
 * before the image is even loaded ({@link OutputGuard}): never the evidence, never in its folder, never over a file
 * that is not ours; files are written atomically. The case folder ({@code --case DIR}, else
 * {@link CaseFolder#defaultDir()}) gets the audit entries a batch writes (the read with the file's SHA-256, the
 * analysis with tool version and model hashes, the JSON written with its SHA-256) and the stored results.
 */
public final class AnalyzeCommand implements Command {
    @Override public String name() { return "analyze"; }

    @Override public String usage() { return "analyze IMAGE [--json out.json] [--maps DIR] [--case DIR]"; }

    @Override public String description() {
        return """
                Analyses one image with every indicator and prints, for each, its verdict, its scores with their meaning and its
                explanation. Output paths are checked before the image is read: never the evidence, never in its folder, never
                over a file that is not Provenant's.
                  IMAGE           the image (JPEG, PNG, TIFF, WebP, BMP, ...)
                  --json FILE     also write the results as JSON (the form the report and the batch share)
                  --maps DIR      also write each indicator's maps as PNG pictures with their colour legend
                  --case DIR      the case folder that logs the read (with the file's SHA-256) and the analysis, and stores the
                                  results for reuse (default ~/Provenant/cases/default, or $PROVENANT_CASE)""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path image = null, json = null, maps = null, caseDir = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json") || a.equals("--maps") || a.equals("--case") || a.equals("--case-folder")) {
                if (i + 1 >= args.size()) throw new UsageException(a + " needs a path");
                Path p = Path.of(args.get(++i));
                if (a.equals("--json")) json = p;
                else if (a.equals("--maps")) maps = p;
                else caseDir = p;
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else if (image == null) {
                image = Path.of(a);
            } else {
                throw new UsageException("only one image at a time (got " + image + " and " + a + ")");
            }
        }
        if (image == null) throw new UsageException("no image given");
        List<Path> evidence = List.of(image);
        if (json != null) OutputGuard.check(json, evidence);
        if (maps != null) {
            OutputGuard.checkFolder(maps, evidence);
            checkExistingMaps(maps, evidence);
        }
        if (caseDir == null) caseDir = CaseFolder.defaultDir();
        OutputGuard.checkFolder(caseDir, evidence);
        CaseFolder folder;
        try {
            folder = CaseFolder.open(caseDir);
        } catch (CaseFileException e) {
            err.println(e.getMessage());
            return 1;
        }
        LoadedImage img = new ImageLoader().load(image);
        CaseRecords.read(folder, img).ifPresent(err::println);   // logged with the SHA-256 of the bytes read
        AnalysisReport report;
        try (ModelRegistry models = ModelRegistry.locate(); AnalysisEngine engine = new AnalysisEngine(models)) {
            report = engine.analyze(AnalysisInput.of(img), IndicatorRegistry.all(), AnalysisListener.NONE);
            CaseRecords.analysed(folder, models, img, report);   // tool version, model set and hashes; stored for reuse
        }
        print(img, report, out);
        if (maps != null) {
            try {
                Files.createDirectories(maps);
                int n = writeMaps(report, maps, evidence);
                out.println("Wrote " + n + " map picture(s) to " + maps);
            } catch (IOException e) {
                err.println("Cannot write maps to " + maps + ": " + e.getMessage());
                return 1;
            }
        }
        if (json != null) {
            try {
                ReportJson.write(json, img, report, maps != null);
                String sha = CaseRecords.exported(folder, List.of(img), json);
                out.println("Wrote " + json + " (SHA-256 " + sha + "; logged in " + folder.audit().file() + ")");
            } catch (IOException e) {
                err.println("Cannot write " + json + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private static void print(LoadedImage img, AnalysisReport report, PrintStream out) {
        out.printf(Locale.ROOT, "%s  %dx%d, %d channel(s), SHA-256 %s%n", img.fileName(), img.image().width(),
                img.image().height(), img.image().channels(), img.sha256());
        for (IndicatorOutcome o : report.outcomes()) {
            out.println();
            out.printf(Locale.ROOT, "== %s [%s, %d ms]%n", o.displayName(), o.status(), o.millis());
            if (!o.ok()) {
                if (o.error() != null) out.println("   " + o.error());
                continue;
            }
            IndicatorResult r = o.result();
            out.printf(Locale.ROOT, "   %s (confidence %.2f)%n", r.supports().phrase(), r.confidence());
            for (Score s : r.scores()) {
                out.printf(Locale.ROOT, "   %-52s %10s   %s%n", s.label(), ScoreFormat.number(s.value()), s.meaning());
            }
            out.println("   " + r.explanation());
        }
    }

    /**
     * Before the analysis: every existing file in the maps folder that a map picture could be written over (named
     * after a registered indicator) must be one of ours.
     */
    private static void checkExistingMaps(Path dir, List<Path> evidence) throws IOException {
        if (!Files.isDirectory(dir)) return;
        List<String> ids = IndicatorRegistry.all().stream().map(ind -> ind.id() + "-").toList();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.endsWith(".png") && ids.stream().anyMatch(n::startsWith)) OutputGuard.check(f, evidence);
            }
        }
    }

    private static int writeMaps(AnalysisReport report, Path dir, List<Path> evidence) throws IOException {
        int n = 0;
        for (IndicatorOutcome o : report.outcomes()) {
            if (!o.ok()) continue;
            List<MapLayer> layers = o.result().maps();
            for (int i = 0; i < layers.size(); i++) {
                Path f = dir.resolve(ReportJson.mapFileName(o.indicatorId(), i, layers.get(i)));
                OutputGuard.check(f, evidence);
                java.awt.image.BufferedImage pic = MapPictures.withLegend(layers.get(i));
                OutputGuard.writePng(f, pic);
                n++;
            }
        }
        return n;
    }
}
