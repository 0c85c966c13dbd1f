package org.provenant.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.core.command.UsageException;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;
import org.provenant.analysis.batch.BatchItem;
import org.provenant.analysis.batch.BatchRunner;
import org.provenant.analysis.casefolder.CaseFolder;

/**
 * {@code bench batch FOLDER [--only ids] [--skip ids] [--threads N]}: the batch engine over a folder
 * with a fresh temporary case folder (nothing reused, nothing written beside the evidence), models loaded once;
 * prints images per minute (decodable images analysed, excluding errors and skipped files).
 */
public final class BenchBatchCommand {
    private BenchBatchCommand() { }

    static String usage() {
        return "bench batch FOLDER [--only id,id] [--skip id,id] [--threads N]";
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        Path folder = null;
        IndicatorChoice choice = new IndicatorChoice();
        List<String> rest = choice.takeAll(args);
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).startsWith("--")) throw new UsageException("unknown option " + rest.get(i));
            folder = Path.of(rest.get(i));
        }
        int threads = choice.threads;
        if (folder == null || !Files.isDirectory(folder)) throw new UsageException("bench batch needs a folder");
        List<Indicator> inds = choice.indicators();
        Path tmp = Files.createTempDirectory("provenant-bench-case");
        out.printf(Locale.ROOT, "%d cores, load average %.2f at start, max heap %d MB, %d thread(s), %d indicator(s)%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20, threads, inds.size());
        try (ModelRegistry models = ModelRegistry.locate()) {
            BatchRunner r = new BatchRunner(CaseFolder.open(tmp), models, new BatchRunner.Options(folder, null, threads, inds));
            long t0 = System.nanoTime(), c0 = BenchAnalyzeCommand.processCpu();
            List<BatchItem> items = r.run(BatchRunner.Listener.NONE);
            double cpu = (BenchAnalyzeCommand.processCpu() - c0) / 1e9;
            double s = (System.nanoTime() - t0) / 1e9;
            long ok = items.stream().filter(BatchItem::ok).count();
            List<Long> ms = new ArrayList<>();
            double px = 0;
            for (BatchItem it : items) {
                if (!it.ok()) continue;
                ms.add(it.millis());
                px += it.width() * (double) it.height();
            }
            ms.sort(null);
            out.printf(Locale.ROOT, "%d files, %d images analysed in %.1f s: %.1f images/min (mean %.2f MP; per image median %d ms,"
                    + " max %d ms); load average %.2f at the end%n", items.size(), ok, s, ok / s * 60, ok == 0 ? 0 : px / ok / 1e6,
                    ms.isEmpty() ? 0 : ms.get(ms.size() / 2), ms.isEmpty() ? 0 : ms.get(ms.size() - 1),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            // the CPU the batch used, whatever else ran on the machine: what idle cores could reach at best
            int cores = Runtime.getRuntime().availableProcessors();
            if (ok > 0) out.printf(Locale.ROOT, "process CPU %.1f s (%.2f s per image, model loading included): at most %.1f images/min"
                    + " on %d idle cores%n", cpu, cpu / ok, ok / cpu * 60 * cores, cores);
        } finally {
            try (var w = Files.walk(tmp)) {
                for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        return 0;
    }
}
