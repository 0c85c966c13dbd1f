package org.provenant.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.provenant.core.filter.Parallel;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.colourcorr.ColourCorrelation;
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

    @Override public String name() { return "bench"; }

    @Override public String usage() { return "bench [--runs N]"; }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        int runs = RUNS;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--runs") && i + 1 < args.size()) {
                try {
                    runs = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    throw new UsageException("--runs needs a whole number, not '" + args.get(i) + "'");
                }
                if (runs < 1) throw new UsageException("--runs must be at least 1");
            } else {
                throw new UsageException("unknown argument '" + args.get(i) + "'");
            }
        }
        return benchIndicators(runs, out);
    }

    static List<Indicator> signalIndicators() {
        return List.of(new ColourCorrelation());
    }

    private int benchIndicators(int runs, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "Synthetic photo-like image %dx%d (%.1f MP), %d cores, warm-up + median of %d runs%n",
                BENCH_WIDTH, BENCH_HEIGHT, BENCH_WIDTH * (double) BENCH_HEIGHT / 1e6,
                Runtime.getRuntime().availableProcessors(), runs);
        FloatImage img = photoLike(BENCH_WIDTH, BENCH_HEIGHT, 42);
        IndicatorContext ctx = IndicatorContext.of(ModelRegistry.locate());
        double sum = 0;
        for (Indicator ind : signalIndicators()) {
            ind.analyze(img, ctx);
            double[] ms = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                ind.analyze(img, ctx);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double med = ms[runs / 2];
            sum += med;
            out.printf(Locale.ROOT, "  %-28s median %8.1f ms  (min %.1f, max %.1f)%n", ind.id(), med, ms[0], ms[runs - 1]);
        }
        out.printf(Locale.ROOT, "  %-28s        %8.1f ms%n", "sum", sum);
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
                    root.nextDouble() * 0.3 - 0.15, root.nextDouble() * 0.3 - 0.15, root.nextDouble() * 0.3 - 0.15});
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
