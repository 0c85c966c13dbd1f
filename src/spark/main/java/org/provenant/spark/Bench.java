package org.provenant.spark;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench SOURCE [--images N] [--mp M] [--cores 1,2] [--json] [--only ids] [--skip ids]}: the figures a cluster is sized
 * from. The N largest photos under SOURCE (default 16) are scaled to M megapixels and saved as JPEG (quality 92) in a temporary
 * folder; the job then analyses them in Spark local mode with 1, then 2 task slots (a fresh output each time, after
 * a warm-up of two images at that setting, so model loading and JIT are not timed), and prints the throughput, the
 * speed-up, each indicator's share of the cost (from the one-slot run, where indicators run one after another), the
 * CPU time per image, and the memory: peak Java heap (sum of the heap pools' peaks, an upper bound) and the
 * process's resident high-water mark (heap plus native memory such as ONNX Runtime), both reset before each run.
 */
final class Bench {
    static final String USAGE = "bench SOURCE [--images N] [--mp M] [--cores 1,2] [--json] [--only id,id] [--skip id,id]";

    private Bench() { }

    static void run(List<String> args, PrintStream out) throws Exception {
        String source = null;
        int images = 16;
        double mp = 2;
        List<Integer> cores = List.of(1, 2);
        List<String> pass = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--only") || a.equals("--skip")) {
                pass.add(a);
                pass.add(value(args, ++i, a));
            } else if (a.equals("--json")) {
                pass.add(a);
            } else if (a.equals("--images")) {
                images = Integer.parseInt(value(args, ++i, a));
            } else if (a.equals("--mp")) {
                mp = Double.parseDouble(value(args, ++i, a));
            } else if (a.equals("--cores")) {
                cores = Stream.of(value(args, ++i, a).split(",")).map(String::strip).map(Integer::parseInt).toList();
            } else if (a.startsWith("--") || source != null) {
                throw new IllegalArgumentException("unknown argument " + a);
            } else {
                source = a;
            }
        }
        if (source == null) throw new IllegalArgumentException("bench needs a folder of photos");
        Path work = Files.createTempDirectory("provenant-spark-bench");
        try {
            Path evidence = prepare(Path.of(source), work.resolve("evidence"), images, mp);
            out.printf(Locale.ROOT, "%d cores, load average %.2f, max heap %d MB; %d JPEG(s) of %.1f MP from %s%n",
                    Runtime.getRuntime().availableProcessors(), load(), Runtime.getRuntime().maxMemory() >> 20,
                    countFiles(evidence), mp, source);
            Map<Integer, Double> perMinute = new LinkedHashMap<>();
            for (int c : cores) perMinute.put(c, measure(c, evidence, work, pass, out));
            int first = cores.get(0);
            for (int c : cores) {
                if (c != first) out.printf(Locale.ROOT, "speed-up local[%d] / local[%d]: %.2fx%n", c, first, perMinute.get(c) / perMinute.get(first));
            }
        } finally {
            delete(work);
        }
    }

    /** One timed run at {@code local[cores]}; returns images per minute. */
    private static double measure(int cores, Path evidence, Path work, List<String> pass, PrintStream out) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("provenant bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            Path warm = Files.createDirectories(work.resolve("warm-" + cores));
            try (Stream<Path> s = Files.list(evidence)) {
                for (Path p : s.sorted().limit(2).toList()) Files.copy(p, warm.resolve(p.getFileName()));
            }
            ClusterJob.run(spark, options(warm, work.resolve("warm-out-" + cores), pass), new PrintStream(java.io.OutputStream.nullOutputStream()));
            resetPeaks();
            long cpu0 = cpu(), t0 = System.nanoTime();
            String outDir = work.resolve("out-" + cores).toString();
            ClusterJob.Report r = ClusterJob.run(spark, options(evidence, Path.of(outDir), pass), new PrintStream(java.io.OutputStream.nullOutputStream()));
            double s = (System.nanoTime() - t0) / 1e9, cpu = (cpu() - cpu0) / 1e9;
            List<Row> all = new ResultTable(outDir, spark.sparkContext().hadoopConfiguration()).read(spark, r.modelSet()).collectAsList();
            List<Row> rows = all.stream().filter(x -> "ANALYSED".equals(x.getAs("status"))).toList();
            failures(all, out);
            double perMinute = rows.size() / s * 60;
            List<Long> ms = new ArrayList<>(rows.stream().map(x -> x.<Long>getAs("millis")).sorted().toList());
            out.printf(Locale.ROOT, "local[%d]: %d images in %.1f s = %.1f images/min; per image median %d ms, max %d ms;"
                            + " process CPU %.2f s per image; peak heap %d MB, peak resident %d MB; load average %.2f%n",
                    cores, rows.size(), s, perMinute, ms.isEmpty() ? 0 : ms.get(ms.size() / 2), ms.isEmpty() ? 0 : ms.get(ms.size() - 1),
                    cpu / Math.max(1, rows.size()), peakHeap() >> 20, peakResident() >> 20, load());
            out.printf(Locale.ROOT, "  table: %.1f KB per row (Parquet, %s)%n", tableBytes(Path.of(outDir)) / 1024.0 / Math.max(1, all.size()),
                    pass.contains("--json") ? "with the JSON" : "without the JSON");
            if (cores == 1) costs(rows, out);
            return perMinute;
        } finally {
            spark.stop();
        }
    }

    /** Mean milliseconds per image of each indicator, most costly first, with its share. */
    private static void costs(List<Row> rows, PrintStream out) {
        Map<String, Long> sum = new TreeMap<>();
        for (Row r : rows) {
            for (Row i : r.<Row>getList(r.fieldIndex("indicators"))) sum.merge(i.getAs("id"), i.<Long>getAs("millis"), Long::sum);
        }
        long total = sum.values().stream().mapToLong(Long::longValue).sum();
        out.println("per-image cost by indicator (local[1], mean ms per image, share of the indicators' time):");
        sum.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> out.printf(Locale.ROOT,
                "  %-28s %7.0f ms %5.1f %%%n", e.getKey(), e.getValue() / (double) rows.size(), 100.0 * e.getValue() / Math.max(1, total)));
    }

    /** Files that were not analysed and indicators that failed (an out-of-memory shows here), in one line each. */
    private static void failures(List<Row> all, PrintStream out) {
        for (Row r : all) {
            if (!"ANALYSED".equals(r.getAs("status"))) out.println("  not analysed: " + r.getAs("file") + ": " + r.getAs("error"));
            for (Row i : r.<Row>getList(r.fieldIndex("indicators"))) {
                if (!"DONE".equals(i.getAs("status"))) out.println("  " + r.getAs("file") + " " + i.getAs("id") + " " + i.getAs("status") + ": " + i.getAs("error"));
            }
        }
    }

    private static long tableBytes(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out.resolve(ResultTable.RESULTS))) {
            return s.filter(p -> p.toString().endsWith(".parquet")).mapToLong(Bench::size).sum();
        }
    }

    private static JobOptions options(Path input, Path out, List<String> pass) {
        List<String> a = new ArrayList<>(List.of("--input", input.toString(), "--out", out.toString()));
        a.addAll(pass);
        return JobOptions.parse(a);
    }

    /**
     * The {@code n} largest photo files under {@code source} (large files: full-size photos rather than crops), scaled
     * to {@code mp} megapixels, as JPEG quality 92.
     */
    static Path prepare(Path source, Path dir, int n, double mp) throws IOException {
        Files.createDirectories(dir);
        List<Path> photos;
        try (Stream<Path> s = Files.walk(source)) {
            photos = s.filter(Files::isRegularFile).filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|tiff?|webp)"))
                    .sorted(java.util.Comparator.comparingLong(Bench::size).reversed().thenComparing(p -> p)).toList();
        }
        int k = 0;
        for (Path p : photos) {
            if (k >= n) break;
            BufferedImage src = ImageIO.read(p.toFile());
            if (src == null) continue;
            double f = Math.sqrt(mp * 1e6 / ((double) src.getWidth() * src.getHeight()));
            int w = (int) Math.round(src.getWidth() * f), h = (int) Math.round(src.getHeight() * f);
            BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            var g = dst.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(src, 0, 0, w, h, null);
            g.dispose();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.92f);
            try (ImageOutputStream o = ImageIO.createImageOutputStream(dir.resolve(String.format(Locale.ROOT, "%03d.jpg", k++)).toFile())) {
                writer.setOutput(o);
                writer.write(null, new IIOImage(dst, null, null), param);
            } finally {
                writer.dispose();
            }
        }
        if (k == 0) throw new IOException("no photo found under " + source);
        return dir;
    }

    /** Collects garbage and resets the heap pools' peaks and the process's resident high-water mark (Linux). */
    private static void resetPeaks() {
        for (int i = 0; i < 3; i++) System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux: the high-water mark then counts from the start of the process
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        return peak;
    }

    private static long peakResident() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) << 10;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
