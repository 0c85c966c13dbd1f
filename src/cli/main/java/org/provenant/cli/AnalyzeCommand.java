package org.provenant.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.FindingOrder;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.MapPictures;
import org.provenant.analysis.ReportJson;
import org.provenant.analysis.ScoreFormat;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.core.io.OutputGuard;
import org.provenant.indicators.Finding;
import org.provenant.indicators.IndicatorParameters;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;
import org.provenant.analysis.casefolder.CaseFileException;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.analysis.workflow.Lookup;

/**
 * {@code analyze IMAGE [--explain] [--json out.json] [--maps DIR]}: runs every registered indicator through the
 * analysis engine and prints the overall assessment's sentence and one line per indicator (name, finding in words,
 * strength), most telling first ({@link FindingOrder}); {@code --explain} adds each one's verdict, scores with their
 * meaning and explanation. Optionally writes the JSON
 * ({@link ReportJson}) and each map as a PNG with its legend ({@link MapPictures}). Output paths are checked
 * before the image is even loaded ({@link OutputGuard}): never the evidence, never in its folder, never over a file
 * that is not ours; files are written atomically. The analysis goes through the {@link CaseWorkflow} of the case
 * folder ({@code --case DIR}, else {@link CaseFolder#defaultDir()}): stored results of the same file, code, models
 * and parameters are reused, only the missing indicators run, and the audit log gets the read with the file's
 * SHA-256, the analysis with tool version and model hashes, and the JSON written with its SHA-256.
 */
public final class AnalyzeCommand implements Command {
    @Override public String name() { return "analyze"; }

    @Override public String usage() {
        return "analyze IMAGE [--explain] [--json out.json] [--maps DIR] [--case DIR] " + ParameterOption.USAGE;
    }

    @Override public String description() {
        return """
                Analyses one image with every indicator and prints the overall assessment's sentence, then one line per
                indicator: its name, its finding in words and the strength of that finding (a calibrated likelihood ratio on
                the ENFSI scale, file evidence, or "figures only" where the indicator is not validated for a verdict), the
                indicators with something to say about this image first. Output paths are checked before the image is read:
                never the evidence, never in its folder, never over a file that is not Provenant's.
                  IMAGE           the image (JPEG, PNG, TIFF, WebP, BMP, ...)
                  --explain       also print, for each indicator, its lean, every score with its meaning and the explanation
                  --json FILE     also write the results as JSON (the form the report and the batch share)
                  --maps DIR      also write each indicator's maps as PNG pictures with their colour legend
                  --case DIR      the case folder that logs the read (with the file's SHA-256) and the analysis, and stores the
                                  results; stored results of the same file, code and models are reused, only the missing
                                  indicators run (default ~/Provenant/cases/default, or $PROVENANT_CASE)
                """ + ParameterOption.help();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path image = null, json = null, maps = null, caseDir = null;
        boolean explain = false;
        ParameterOption param = new ParameterOption();
        args = param.takeAll(args);
        Map<String, String> parameters = param.validated();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--explain")) {
                explain = true;
            } else if (a.equals("--json") || a.equals("--maps") || a.equals("--case")) {
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
        LoadedImage img;
        CaseWorkflow.Analysed done;
        CaseWorkflow workflow;
        try (ModelRegistry models = ModelRegistry.locate(); AnalysisEngine engine = new AnalysisEngine(models)) {
            try {
                workflow = CaseWorkflow.open(caseDir, models);
            } catch (CaseFileException e) {
                err.println(e.getMessage());
                return 1;
            }
            img = new ImageLoader().load(image);
            Lookup lookup = workflow.lookup(img, IndicatorRegistry.all(), parameters);   // the read is logged with its SHA-256
            lookup.warning().ifPresent(err::println);
            done = workflow.complete(engine, lookup, img, AnalysisListener.NONE, run -> { });   // missing ones run, logged, stored
        }
        print(img, done.report(), explain, out);
        if (!parameters.isEmpty()) {
            out.println();
            out.println("Settings other than the defaults:");
            IndicatorParameters.describe(parameters).forEach(l -> out.println("  " + l));
        }
        int reused = done.lookup().reusedIds().size();
        if (reused > 0) {
            out.printf(Locale.ROOT, "%n(%d of %d indicators from the case folder's stored results: same file, code, models and"
                    + " parameters)%n", reused, done.report().outcomes().size());
        }
        if (maps != null) {
            try {
                Files.createDirectories(maps);
                int n = writeMaps(done.report(), maps, evidence);
                out.println("Wrote " + n + " map picture(s) to " + maps);
            } catch (IOException e) {
                err.println("Cannot write maps to " + maps + ": " + e.getMessage());
                return 1;
            }
        }
        if (json != null) {
            try {
                ReportJson.write(json, done.json(maps != null));
                String sha = workflow.exported(List.of(img), json);
                out.println("Wrote " + json + " (SHA-256 " + sha + "; logged in " + workflow.audit().file() + ")");
            } catch (IOException e) {
                err.println("Cannot write " + json + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    static void print(LoadedImage img, AnalysisReport report, boolean explain, PrintStream out) {
        out.printf(Locale.ROOT, "%s  %dx%d, %d channel(s), SHA-256 %s%n", img.fileName(), img.image().width(),
                img.image().height(), img.image().channels(), img.sha256());
        FindingOrder.assessment(report).ifPresent(a -> out.println(a.ok() ? "Assessment: " + a.result().finding().sentence()
                : "Assessment " + a.status().name().toLowerCase(Locale.ROOT) + (a.error() == null ? "" : ": " + a.error())));
        List<IndicatorOutcome> lines = new ArrayList<>();
        FindingOrder.assessment(report).ifPresent(lines::add);
        lines.addAll(FindingOrder.indicators(report));
        out.println();
        int name = lines.stream().mapToInt(o -> o.displayName().length()).max().orElse(10);
        for (IndicatorOutcome o : lines) out.printf(Locale.ROOT, "%-" + name + "s  %s%n", o.displayName(), line(o));
        if (!explain) return;
        for (IndicatorOutcome o : lines) {
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

    /** An indicator's finding with its strength ({@link Finding#line}), or how it ended. */
    static String line(IndicatorOutcome o) {
        if (!o.ok()) return o.status().name().toLowerCase(Locale.ROOT) + (o.error() == null ? "" : ": " + o.error());
        return o.result().finding().line();
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
