package org.provenant.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;
import org.provenant.analysis.batch.BatchItem;
import org.provenant.analysis.batch.BatchRunner;
import org.provenant.analysis.batch.BatchSummaries;
import org.provenant.analysis.batch.HtmlIndex;
import org.provenant.analysis.casefolder.CaseFolder;

/**
 * {@code batch FOLDER --out DIR [--case DIR] [--threads N] [--only ids] [--skip ids] [--param KEY=VALUE]}: analyses every image under
 * FOLDER ({@link BatchRunner}), with a progress bar and ETA on the terminal; resumable (run it again after a kill).
 */
public final class BatchCommand implements Command {
    @Override public String name() { return "batch"; }

    @Override public String usage() {
        return "batch FOLDER --out DIR [--case DIR] [--threads N] [--only id,id] [--skip id,id] " + ParameterOption.USAGE;
    }

    @Override public String description() {
        return """
                Analyses every file under FOLDER (recursively), a few at a time with the models loaded once, with a progress bar,
                rate and ETA on standard error. Writes into DIR: json/<path>.json per image, summary.csv and summary.jsonl (each
                indicator's finding in words, headline value and lean) and index.html (thumbnails sorted by suspicion, each
                indicator's finding as a chip, the most telling first). Killed and started again, it reuses every result already
                stored in the case folder for the same file and models. Nothing is written into FOLDER.
                  --out DIR            where the summaries go (not inside FOLDER)
                  --case DIR           the case folder: audit log and stored results (default ~/Provenant/cases/default)
                  --threads N          images analysed at once (default: the cores, at most 4)
                  --only id,id         only these indicators (ids as in analyze --json); --skip id,id: all but these
                """ + ParameterOption.help() + """

                Its own exit codes: 1 when a file looked like an image but did not decode (the others are done; the file is listed
                as ERROR), 130 when interrupted (run it again to resume).""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path folder = null, outDir = null, caseDir = null;
        IndicatorChoice choice = new IndicatorChoice();
        ParameterOption param = new ParameterOption();
        List<String> rest = choice.takeAll(param.takeAll(args));
        Map<String, String> parameters = param.validated();
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (a.equals("--out") || a.equals("--case")) {
                if (i + 1 >= rest.size()) throw new UsageException(a + " needs a value");
                Path v = Path.of(rest.get(++i));
                if (a.equals("--out")) outDir = v;
                else caseDir = v;
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else if (folder == null) {
                folder = Path.of(a);
            } else {
                throw new UsageException("one folder at a time (got " + folder + " and " + a + ")");
            }
        }
        int threads = choice.threads;
        if (folder == null) throw new UsageException("no folder given");
        if (outDir == null) throw new UsageException("--out DIR is required");
        if (!Files.isDirectory(folder)) throw new UsageException(folder + " is not a folder");
        List<Indicator> inds = choice.indicators();
        CaseFolder cf = CaseFolder.open(caseDir == null ? CaseFolder.defaultDir() : caseDir);
        try (ModelRegistry models = ModelRegistry.locate()) {
            BatchRunner runner;
            try {
                runner = new BatchRunner(cf, models, new BatchRunner.Options(folder, outDir, threads, inds, parameters));
            } catch (java.io.IOException e) {
                err.println("Refused: " + e.getMessage());
                return 2;
            }
            Thread hook = new Thread(runner::cancel);
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("Batch of " + folder.toAbsolutePath().normalize() + " -> " + outDir.toAbsolutePath().normalize()
                    + " (case folder " + cf.dir() + ", " + threads + " thread(s), " + inds.size() + " indicator(s), model set "
                    + runner.modelSet() + ")");
            Progress progress = new Progress(err, System.console() != null);
            List<BatchItem> items;
            try {
                items = runner.run(progress);
            } finally {
                progress.end();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down already
                }
            }
            Map<BatchItem.Status, Integer> counts = new LinkedHashMap<>();
            for (BatchItem it : items) counts.merge(it.status(), 1, Integer::sum);
            for (BatchItem it : items) {
                if (!it.ok()) out.println(it.status() + "  " + it.relative() + ": " + it.message());
                else if (!it.message().isEmpty()) out.println("NOTE  " + it.relative() + ": " + it.message());
            }
            out.printf(Locale.ROOT, "%d files: %s in %.1f s (%.1f files/min)%n", items.size(),
                    counts.toString().toLowerCase(Locale.ROOT), progress.seconds(), progress.perMinute(items.size()));
            out.println("Wrote " + outDir.resolve(BatchSummaries.JSONL) + ", " + BatchSummaries.CSV + ", " + HtmlIndex.FILE
                    + " and one JSON per image under " + outDir.resolve("json"));
            boolean failed = items.stream().anyMatch(it -> it.status() == BatchItem.Status.ERROR);
            return runner.isCancelled() ? 130 : failed ? 1 : 0;
        }
    }

    /** A progress bar with rate and ETA: redrawn in place on a terminal, one line per 5 % otherwise. */
    static final class Progress implements BatchRunner.Listener {
        private final PrintStream err;
        private final boolean tty;
        private final long t0 = System.nanoTime();
        private int lastPercent = -1;

        Progress(PrintStream err, boolean tty) {
            this.err = err;
            this.tty = tty;
        }

        @Override public synchronized void finished(BatchItem item, int done, int total) {
            int pct = total == 0 ? 100 : done * 100 / total;
            if (!tty && pct / 5 == lastPercent / 5 && done != total) return;
            lastPercent = pct;
            double s = seconds();
            double eta = done == 0 ? Double.NaN : s / done * (total - done);
            int bar = pct / 4;
            String line = String.format(Locale.ROOT, "[%s%s] %d/%d %3d%%  %.1f img/min  ETA %s  %s", "#".repeat(bar),
                    ".".repeat(25 - bar), done, total, pct, perMinute(done), eta(eta), shorten(item.relative()));
            if (tty) err.print("\r" + line + " ".repeat(Math.max(0, 10)));
            else err.println(line);
        }

        void end() {
            if (tty) err.println();
        }

        double seconds() { return (System.nanoTime() - t0) / 1e9; }

        double perMinute(int n) { return n / Math.max(1e-9, seconds()) * 60; }

        static String eta(double s) {
            if (!Double.isFinite(s)) return "--";
            long v = Math.round(s);
            return v >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", v / 3600, v / 60 % 60)
                    : String.format(Locale.ROOT, "%dm%02ds", v / 60, v % 60);
        }

        private static String shorten(String s) {
            return s.length() > 40 ? "..." + s.substring(s.length() - 37) : s;
        }
    }
}
