package org.provenant.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.command.UsageException;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.ml.ModelRegistry;

/**
 * {@code bench analyze [IMAGE] [--mp 1,3,12,48] [--only ids] [--skip ids] [--threads N]}: one whole analysis
 * through the engine, as the window and the CLI run it: time to the first indicator result, each indicator's
 * wall and CPU time (CPU of its own thread: work it hands to other threads, e.g. ONNX Runtime's, is not
 * counted there but is in the process CPU), total wall and process CPU, peak heap. Default: a synthetic 12 MP
 * photo-like image; with --mp, one synthetic image per size. Models are loaded before the clock starts (as in a
 * batch, where they are loaded once); the load and decode of IMAGE are timed separately.
 */
public final class BenchAnalyzeCommand {
    private BenchAnalyzeCommand() { }

    static String usage() {
        return "bench analyze [IMAGE] [--mp 1,3,12,48] [--only id,id] [--skip id,id] [--threads N] [--alone]";
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        Path image = null;
        List<Double> mps = new ArrayList<>();
        boolean alone = false;
        IndicatorChoice choice = new IndicatorChoice();
        List<String> rest = choice.takeAll(args);
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (a.equals("--mp")) {
                if (i + 1 >= rest.size()) throw new UsageException("--mp needs sizes, e.g. 1,3,12,48");
                for (String s : rest.get(++i).split(",")) mps.add(Double.parseDouble(s.strip()));
            } else if (a.equals("--alone")) {
                alone = true;
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else {
                image = Path.of(a);
            }
        }
        List<Indicator> inds = choice.indicators();
        int threads = choice.threads;
        out.printf(Locale.ROOT, "%d cores, load average %.2f, max heap %d MB, %d analysis thread(s)%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20, threads);
        try (ModelRegistry models = ModelRegistry.locate(); AnalysisEngine engine = new AnalysisEngine(models, threads)) {
            // warm-up on a small image: models verified and loaded once (as in a batch), JIT warmed
            long w0 = System.nanoTime(), c0 = processCpu();
            engine.analyze(AnalysisInput.of(BenchCommand.photoLike(640, 480, 7)), inds, AnalysisListener.NONE);
            out.printf(Locale.ROOT, "warm-up (model loading, 0.3 MP analysis): %d ms wall, %d ms CPU%n",
                    (System.nanoTime() - w0) / 1_000_000, (processCpu() - c0) / 1_000_000);
            if (image != null) {
                long t0 = System.nanoTime();
                LoadedImage li = new ImageLoader().load(image);
                out.printf(Locale.ROOT, "%s: %dx%d (%.1f MP), load and decode %d ms%n", li.fileName(), li.image().width(),
                        li.image().height(), li.image().pixels() / 1e6, (System.nanoTime() - t0) / 1_000_000);
                once(engine, AnalysisInput.of(li), inds, out);
                if (alone) alone(engine, AnalysisInput.of(li), inds, out);
            } else {
                if (mps.isEmpty()) mps.add(12.0);
                for (double mp : mps) {
                    int w = (int) Math.round(Math.sqrt(mp * 1e6 * 4 / 3)), h = (int) Math.round(w * 3 / 4.0);
                    FloatImage img = BenchCommand.photoLike(w, h, 42);
                    out.printf(Locale.ROOT, "%nsynthetic photo-like %dx%d (%.1f MP)%n", w, h, w * (double) h / 1e6);
                    once(engine, AnalysisInput.of(img), inds, out);
                    if (alone) alone(engine, AnalysisInput.of(img), inds, out);
                    img = null;
                    System.gc();
                }
            }
        }
        return 0;
    }

    private static void once(AnalysisEngine engine, AnalysisInput input, List<Indicator> inds, PrintStream out) throws Exception {
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpuStart = new ConcurrentHashMap<>();
        Map<String, Long> cpu = new ConcurrentHashMap<>();
        Map<String, Long> procStart = new ConcurrentHashMap<>();
        Map<String, Long> procCpu = new ConcurrentHashMap<>();
        AtomicLong first = new AtomicLong(-1);
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        long used0 = heapUsed();
        long cpu0 = processCpu();
        long t0 = System.nanoTime();
        AnalysisReport rep = engine.analyze(input, inds, new AnalysisListener() {
            @Override public void started(String id) {
                cpuStart.put(id, tmx.getCurrentThreadCpuTime());
                procStart.put(id, processCpu());
            }

            @Override public void finished(IndicatorOutcome o) {
                Long s = cpuStart.get(o.indicatorId());
                if (s != null) cpu.put(o.indicatorId(), tmx.getCurrentThreadCpuTime() - s);
                Long p = procStart.get(o.indicatorId());
                if (p != null) procCpu.put(o.indicatorId(), processCpu() - p);
                if (o.ok()) first.compareAndSet(-1, System.nanoTime() - t0);
            }
        });
        long wall = System.nanoTime() - t0;
        long allCpu = processCpu() - cpu0;
        out.printf(Locale.ROOT, "  %-32s %9s %9s %12s  %s%n", "indicator", "wall ms", "cpu ms", "process cpu", "status");
        for (IndicatorOutcome o : rep.outcomes()) {
            Long c = cpu.get(o.indicatorId()), pc = procCpu.get(o.indicatorId());
            out.printf(Locale.ROOT, "  %-32s %9d %9s %12s  %s%n", o.indicatorId(), o.millis(), c == null ? "-" : String.valueOf(c / 1_000_000),
                    pc == null ? "-" : String.valueOf(pc / 1_000_000), o.ok() ? o.status() : o.status() + " " + o.error());
        }
        out.println("  (cpu ms: the indicator's own thread; process cpu: the whole process while it ran, its own cost"
                + " when --threads 1, shared work charged to the first indicator that asks)");
        out.printf(Locale.ROOT, "  first result %d ms, total wall %d ms, process CPU %d ms, peak heap %d MB (%d MB before)%n",
                first.get() < 0 ? -1 : first.get() / 1_000_000, wall / 1_000_000, allCpu / 1_000_000, peakHeap() >> 20, used0 >> 20);
    }

    /**
     * Each indicator in an analysis of its own (fresh shared work, so it pays for every shared piece it needs): what
     * it costs when it is the only one asked for. FUSION indicators are left out (alone, they run all the others).
     */
    private static void alone(AnalysisEngine engine, AnalysisInput input, List<Indicator> inds, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "  each indicator alone (its own analysis, shared work included):%n  %-32s %9s %12s%n",
                "indicator", "wall ms", "process cpu");
        long sum = 0;
        int nudges = 0;
        for (Indicator ind : inds) {
            if (ind.family() == org.provenant.indicators.EvidenceFamily.FUSION) continue;
            // a copy with its central pixel nudged by a few levels, different for each indicator: LaRE remembers its
            // measurement per image object and the JPEG AI graphs their runs per input content (the central crop), which
            // would make a later run on the same pixels nearly free
            FloatImage copy = input.image().copy();
            int centre = copy.height() / 2 * copy.width() + copy.width() / 2;
            float[] plane = copy.plane(0);
            float nudge = ++nudges / 255f;
            plane[centre] = plane[centre] > 0.5f ? plane[centre] - nudge : plane[centre] + nudge;
            AnalysisInput own = new AnalysisInput(copy, input.evidence(), input.parameters());
            System.gc();
            long c0 = processCpu(), t0 = System.nanoTime();
            AnalysisReport r = engine.analyze(own, List.of(ind), AnalysisListener.NONE);
            long wall = (System.nanoTime() - t0) / 1_000_000, cpu = (processCpu() - c0) / 1_000_000;
            sum += cpu;
            IndicatorOutcome o = r.outcomes().get(0);
            out.printf(Locale.ROOT, "  %-32s %9d %12d  %s%n", ind.id(), wall, cpu, o.ok() ? o.status() : o.status() + " " + o.error());
        }
        out.printf(Locale.ROOT, "  sum of the indicators alone: %d ms process CPU%n", sum);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) s += p.getPeakUsage().getUsed();
        }
        return s;
    }

    /** CPU time of the whole process (all threads, native ones included), ns; 0 where the JVM cannot tell. */
    static long processCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
