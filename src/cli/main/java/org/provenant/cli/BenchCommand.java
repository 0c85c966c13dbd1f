package org.provenant.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.jtransforms.fft.DoubleFFT_2D;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.fft.Fft2D;
import org.provenant.core.filter.Parallel;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.codec.colourcorr.ColourCorrelation;
import org.provenant.indicators.generative.realism.ImageRealismScore;
import org.provenant.indicators.generative.spectrum.ResidualSpectrum;
import org.provenant.indicators.generative.zed.ZedIndicator;
import org.provenant.ml.ModelRegistry;

/**
 * {@code bench}: times the signal indicators on a synthetic 12 MP photo-like image (warm-up, then the median
 * of a few runs), and prints their sum.
 */
public final class BenchCommand implements Command {
    /** Size of the benchmark image: 12 MP, 4:3. */
    public static final int BENCH_WIDTH = 4000;
    public static final int BENCH_HEIGHT = 3000;
    /** Timed runs per indicator after one warm-up run; the median is reported. */
    public static final int RUNS = 5;
    /** Default side of the FFT benchmark (a power of two, as Commons Math requires). */
    public static final int FFT_SIZE = 1024;

    @Override public String name() { return "bench"; }

    @Override public String usage() {
        return "bench [fft] [--runs N] [--size N (fft, power of two)] | " + BenchMemory.USAGE + " | " + BenchAnalyzeCommand.usage()
                + " | " + BenchBatchCommand.usage();
    }

    @Override public String description() {
        return """
                Benchmarks; each prints its figures (nothing is asserted).
                  bench                  the colour-correlation, spectrum and realism indicators on a synthetic 12 MP image
                                         (--runs N; median of the runs)
                  bench fft              JTransforms against Commons Math on a 1024x1024 FFT (--size N, a power of two)
                  bench memory           peak Java heap per megapixel of a whole analysis (--mp sizes, --flat MP for a one-colour
                                         image, --load-only, or given images)
                  bench analyze          one whole analysis after a warm-up: time to the first result, each indicator's wall and
                                         CPU time, peak heap (--mp sizes, --threads N, --only/--skip ids, --alone: each on its own)
                  bench batch FOLDER     images per minute through the batch engine, with a fresh case folder""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("analyze")) return BenchAnalyzeCommand.run(args.subList(1, args.size()), out);
        if (!args.isEmpty() && args.get(0).equals("batch")) return BenchBatchCommand.run(args.subList(1, args.size()), out);
        int runs = RUNS;
        int size = FFT_SIZE;
        boolean fft = false;
        if (!args.isEmpty() && args.get(0).equals("memory")) return new BenchMemory().run(args.subList(1, args.size()), out, err);
        for (int i = 0; i < args.size(); i++) {
            if (i == 0 && args.get(0).equals("fft")) {
                fft = true;
                continue;
            }
            if (args.get(i).equals("--size") && i + 1 < args.size()) {
                size = parsePositive(args.get(++i), "--size");
                if (Integer.bitCount(size) != 1) throw new UsageException("--size must be a power of two (Commons Math needs one)");
                continue;
            }
            if (args.get(i).equals("--runs") && i + 1 < args.size()) {
                runs = parsePositive(args.get(++i), "--runs");
            } else {
                throw new UsageException("unknown argument '" + args.get(i) + "'");
            }
        }
        return fft ? benchFft(size, runs, out) : benchIndicators(runs, out);
    }

    private static int parsePositive(String s, String option) throws UsageException {
        try {
            int v = Integer.parseInt(s);
            if (v >= 1) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " needs a whole number of at least 1, not '" + s + "'");
    }

    /**
     * JTransforms (float and double, 2-D, its own threading) against Commons Math's FastFourierTransformer
     * (double, row-column: every row, then every column, through transformInPlace) on the same random
     * size x size complex input; prints the median times and the largest difference between the results.
     */
    private static int benchFft(int size, int runs, PrintStream out) {
        out.printf(Locale.ROOT, "2-D complex forward FFT %dx%d, %d cores, warm-up + median of %d runs%n",
                size, size, Runtime.getRuntime().availableProcessors(), runs);
        int n = size * size;
        double[] input = new double[2 * n];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < input.length; i++) input[i] = rnd.nextDouble() - 0.5;

        DoubleFFT_2D jd = new DoubleFFT_2D(size, size);
        double[][] jdOut = new double[1][];
        double tJd = median(runs, () -> {
            double[] a = input.clone();
            jd.complexForward(a);
            jdOut[0] = a;
        });
        Fft2D jf = new Fft2D(size, size);
        float[] inF = new float[2 * n];
        for (int i = 0; i < inF.length; i++) inF[i] = (float) input[i];
        double tJf = median(runs, () -> jf.complexForward(inF.clone()));

        // the same with JTransforms limited to one thread, to compare with single-threaded Commons Math
        int threads = pl.edu.icm.jlargearrays.ConcurrencyUtils.getNumberOfThreads();
        double tJd1;
        try {
            pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
            DoubleFFT_2D jd1 = new DoubleFFT_2D(size, size);
            tJd1 = median(runs, () -> jd1.complexForward(input.clone()));
        } finally {
            pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(threads);
        }
        double[][] cmOut = new double[1][];
        double tCm = median(runs, () -> cmOut[0] = commonsMath2d(input, size));
        double maxDiff = 0;
        for (int i = 0; i < input.length; i++) maxDiff = Math.max(maxDiff, Math.abs(jdOut[0][i] - cmOut[0][i]));
        out.printf(Locale.ROOT, "  JTransforms FloatFFT_2D  (float)   %8.1f ms%n", tJf);
        out.printf(Locale.ROOT, "  JTransforms DoubleFFT_2D (double)  %8.1f ms  (%d threads)%n", tJd, threads);
        out.printf(Locale.ROOT, "  JTransforms DoubleFFT_2D (double)  %8.1f ms  (1 thread)%n", tJd1);
        out.printf(Locale.ROOT, "  Commons Math row-column  (double)  %8.1f ms%n", tCm);
        out.printf(Locale.ROOT, "  Commons Math / JTransforms double: %.1fx (%d threads), %.1fx (1 thread); largest difference of the"
                + " two results %.2e%n", tCm / tJd, threads, tCm / tJd1, maxDiff);
        return 0;
    }

    private static double[] commonsMath2d(double[] interleaved, int size) {
        double[] out = interleaved.clone();
        double[][] ri = new double[2][size];
        for (int r = 0; r < size; r++) commonsMathLine(out, r * size, 1, ri);
        for (int c = 0; c < size; c++) commonsMathLine(out, c, size, ri);
        return out;
    }

    /** Transforms in place the complex line of ri[0].length values starting at {@code start} with {@code stride}. */
    private static void commonsMathLine(double[] data, int start, int stride, double[][] ri) {
        int n = ri[0].length;
        for (int k = 0; k < n; k++) {
            ri[0][k] = data[2 * (start + k * stride)];
            ri[1][k] = data[2 * (start + k * stride) + 1];
        }
        FastFourierTransformer.transformInPlace(ri, DftNormalization.STANDARD, TransformType.FORWARD);
        for (int k = 0; k < n; k++) {
            data[2 * (start + k * stride)] = ri[0][k];
            data[2 * (start + k * stride) + 1] = ri[1][k];
        }
    }

    /** One warm-up call, then the median wall time in ms of {@code runs} calls. */
    private static double median(int runs, Runnable task) {
        task.run();
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            task.run();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    static List<Indicator> signalIndicators() {
        return List.of(new ColourCorrelation(), new ResidualSpectrum(), new ImageRealismScore(), new ZedIndicator());
    }

    private int benchIndicators(int runs, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "Synthetic photo-like image %dx%d (%.1f MP), %d cores, warm-up + median of %d runs%n",
                BENCH_WIDTH, BENCH_HEIGHT, BENCH_WIDTH * (double) BENCH_HEIGHT / 1e6,
                Runtime.getRuntime().availableProcessors(), runs);
        FloatImage img = photoLike(BENCH_WIDTH, BENCH_HEIGHT, 42);
        IndicatorContext ctx = IndicatorContext.of(ModelRegistry.locate());
        double sum = 0, cpuSum = 0;
        for (Indicator ind : signalIndicators()) {
            long cpu0 = processCpuNanos();
            double med = median(runs, () -> {
                try {
                    ind.analyze(img, ctx);
                } catch (IndicatorException e) {
                    throw new IllegalStateException(ind.id() + ": " + e.getMessage(), e);
                }
            });
            // process CPU time per run (all threads, GC included): a figure that other load on the machine inflates less
            double cpu = (processCpuNanos() - cpu0) / 1e6 / (runs + 1);
            sum += med;
            cpuSum += cpu;
            out.printf(Locale.ROOT, "  %-28s median %8.1f ms wall, %8.1f ms CPU per run%n", ind.id(), med, cpu);
        }
        out.printf(Locale.ROOT, "  %-28s        %8.1f ms wall, %8.1f ms CPU%n", "sum", sum, cpuSum);
        benchPixelToolbox(img, runs, out);
        out.printf(Locale.ROOT, "  system load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return 0;
    }

    /**
     * The examiner's pixel toolbox (issue 12), each alone with no shared work (targets: 2 s each on 2 cores, the JPEG
     * ghosts' full sweep 50..100 within 5 s), then error level + ghosts in one analysis sharing the JPEG model.
     */
    private static void benchPixelToolbox(FloatImage img, int runs, PrintStream out) {
        out.println("  pixel toolbox (each alone, nothing shared):");
        IndicatorContext ctx = IndicatorContext.of(null);
        List<Indicator> four = List.of(new org.provenant.indicators.pixel.ela.ErrorLevelAnalysis(), new org.provenant.indicators.pixel.noise.NoiseMap(),
                new org.provenant.indicators.jpeg.ghosts.JpegGhosts(), new org.provenant.indicators.pixel.copymove.CopyMove());
        for (Indicator ind : four) {
            long cpu0 = processCpuNanos();
            double med = median(runs, () -> analyze(ind, img, ctx));
            double cpu = (processCpuNanos() - cpu0) / 1e6 / (runs + 1);
            out.printf(Locale.ROOT, "  %-28s median %8.1f ms wall, %8.1f ms CPU per run (target %s)%n", ind.id(), med, cpu,
                    ind instanceof org.provenant.indicators.jpeg.ghosts.JpegGhosts ? "5 s, 11 qualities" : "2 s");
        }
        double both = median(runs, () -> {
            IndicatorContext shared = ctx.withShared(new org.provenant.indicators.SharedWork(img));
            analyze(four.get(0), img, shared);
            analyze(four.get(2), img, shared);
        });
        out.printf(Locale.ROOT, "  %-28s median %8.1f ms wall (one JPEG model for both)%n", "error-level + jpeg-ghosts", both);
    }

    private static void analyze(Indicator ind, FloatImage img, IndicatorContext ctx) {
        try {
            ind.analyze(img, ctx);
        } catch (IndicatorException e) {
            throw new IllegalStateException(ind.id() + ": " + e.getMessage(), e);
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /**
     * A deterministic photo-like RGB image: smooth colour gradients, oriented texture, a few hard-edged
     * shapes, independent per-channel sensor-like Gaussian noise (sigma 2/255), rounded to 8 bits.
     */
    public static FloatImage photoLike(int w, int h, long seed) {
        float[][] p = new float[3][w * h];
        SplittableRandom root = new SplittableRandom(seed);
        double[] phase = new double[6];
        for (int i = 0; i < phase.length; i++) phase[i] = root.nextDouble() * 2 * Math.PI;
        // rectangles: x0, y0, x1, y1 as fractions, plus an RGB offset
        List<double[]> shapes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double x0 = root.nextDouble() * 0.8, y0 = root.nextDouble() * 0.8;
            shapes.add(new double[]{x0, y0, x0 + 0.05 + root.nextDouble() * 0.2, y0 + 0.05 + root.nextDouble() * 0.2,
                    root.nextDouble() * 0.6 - 0.3, root.nextDouble() * 0.6 - 0.3, root.nextDouble() * 0.6 - 0.3});
        }
        final double sigma = 2.0 / 255;
        Parallel.forEach(h, y -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + y);
            double fy = (double) y / h;
            double[] sx = new double[3];
            for (int x = 0; x < w; x++) {
                double fx = (double) x / w;
                double base = 0.45 + 0.2 * Math.sin(2 * Math.PI * (0.7 * fx + 0.4 * fy) + phase[0]);
                double tex = 0.04 * Math.sin(0.23 * x + 0.11 * y + phase[1]) * Math.sin(0.05 * x - 0.19 * y + phase[2]);
                sx[0] = base + 0.12 * fy + tex;
                sx[1] = base + 0.08 * Math.sin(2 * Math.PI * fx + phase[3]) + 0.8 * tex;
                sx[2] = base - 0.1 * fx + 0.6 * tex + 0.05 * Math.cos(2 * Math.PI * 1.5 * fy + phase[4]);
                for (double[] s : shapes) {
                    if (fx >= s[0] && fx < s[2] && fy >= s[1] && fy < s[3]) {
                        sx[0] += s[4];
                        sx[1] += s[5];
                        sx[2] += s[6];
                    }
                }
                int i = y * w + x;
                for (int c = 0; c < 3; c++) {
                    double v = sx[c] + sigma * rnd.nextGaussian();
                    v = Math.round(Math.max(0, Math.min(1, v)) * 255) / 255.0;
                    p[c][i] = (float) v;
                }
            }
        });
        return new FloatImage(w, h, p);
    }
}
