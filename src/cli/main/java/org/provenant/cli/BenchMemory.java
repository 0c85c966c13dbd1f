package org.provenant.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.command.UsageException;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;

/**
 * {@code bench memory [--mp 1,4] [--flat MP] [--load-only] [IMAGE...]}: peak Java heap while loading and while
 * analysing images with every registered indicator, in MB and in MB per megapixel. Synthetic photo-like PNGs of the
 * given sizes (and optionally a one-colour one) are written to a temporary folder and removed afterwards.
 *
 * <p>The peak is the sum of the peak usage of every heap pool since the last reset (an upper bound: pools may peak
 * at different moments), minus the heap in use before the step; the process's resident high-water mark (VmHWM,
 * with native memory such as the ONNX runtime) is printed once at the end, since it cannot be reset.
 */
final class BenchMemory {
    static final String USAGE = "bench memory [--mp 1,4] [--flat MP] [--load-only] [IMAGE...]";

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<Double> sizes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        double flat = 0;
        boolean loadOnly = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--mp") || a.equals("--flat")) && i + 1 < args.size()) {
                String v = args.get(++i);
                try {
                    if (a.equals("--flat")) flat = Double.parseDouble(v);
                    else for (String s : v.split(",")) sizes.add(Double.parseDouble(s.strip()));
                } catch (NumberFormatException e) {
                    throw new UsageException(a + " needs megapixels, e.g. 4 or 1,4 (got '" + v + "')");
                }
            } else if (a.equals("--load-only")) {
                loadOnly = true;
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else {
                files.add(Path.of(a));
            }
        }
        if (sizes.isEmpty() && files.isEmpty() && flat == 0) sizes.add(2.0);
        Path tmp = Files.createTempDirectory("provenant-bench-memory");
        try {
            for (double mp : sizes) files.add(synthetic(tmp, mp, false));
            if (flat > 0) files.add(synthetic(tmp, flat, true));
            out.printf(Locale.ROOT, "Peak Java heap (max heap %d MB), every registered indicator%s%n",
                    Runtime.getRuntime().maxMemory() >> 20, loadOnly ? " skipped (--load-only)" : "");
            out.printf(Locale.ROOT, "%-28s %8s %10s %10s %12s %8s%n", "image", "MP", "load MB", "total MB", "MB per MP", "s");
            try (ModelRegistry models = ModelRegistry.locate(); AnalysisEngine engine = new AnalysisEngine(models)) {
                for (Path f : files) measure(f, engine, loadOnly, out);
            }
            out.printf(Locale.ROOT, "Process resident high-water mark (heap + native): %s%n", vmHwm());
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : (Iterable<Path>) s::iterator) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(tmp);
        }
        return 0;
    }

    private static void measure(Path f, AnalysisEngine engine, boolean loadOnly, PrintStream out) throws Exception {
        long base = settle();
        long t0 = System.nanoTime();
        LoadedImage img = new ImageLoader().load(f);
        long load = peakHeap() - base;
        double mp = img.image().pixels() / 1e6;
        if (!loadOnly) {
            AnalysisReport r = engine.analyze(AnalysisInput.of(img), IndicatorRegistry.all(), AnalysisListener.NONE);
            for (IndicatorOutcome o : r.outcomes()) if (!o.ok()) out.println("   (" + o.indicatorId() + ": " + o.error() + ")");
        }
        long total = peakHeap() - base;
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%-28s %8.1f %10d %10d %12.0f %8.1f%n", f.getFileName(), mp, load >> 20, total >> 20,
                (total >> 20) / mp, s);
    }

    /** Collects garbage, resets the pools' peaks and returns the heap in use. */
    private static long settle() {
        for (int i = 0; i < 3; i++) System.gc();
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() != MemoryType.HEAP) continue;
            p.resetPeakUsage();
            used += p.getUsage().getUsed();
        }
        return used;
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        return peak;
    }

    private static Path synthetic(Path dir, double mp, boolean flat) throws IOException {
        int w = (int) Math.round(Math.sqrt(mp * 1e6 * 4 / 3)), h = (int) Math.round(w * 3 / 4.0);
        Path p = dir.resolve(String.format(Locale.ROOT, "%s-%.0fMP.png", flat ? "flat" : "photo", mp));
        java.awt.image.BufferedImage img;
        if (flat) {
            img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = img.createGraphics();
            g.setColor(new java.awt.Color(0x5a7d9a));
            g.fillRect(0, 0, w, h);
            g.dispose();
        } else {
            FloatImage photo = BenchCommand.photoLike(w, h, 42);
            img = photo.toBufferedImage();
        }
        if (!ImageIO.write(img, "png", p.toFile())) throw new IOException("no PNG writer");
        return p;
    }

    private static String vmHwm() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) return l.substring(6).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "not available";
    }
}
