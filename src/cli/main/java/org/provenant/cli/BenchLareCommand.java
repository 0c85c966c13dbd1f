package org.provenant.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.provenant.core.command.Command;
import org.provenant.core.command.UsageException;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.io.ImageLoader;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.lare.Lare;
import org.provenant.ml.lare.LareMap;

/**
 * {@code bench-lare}: LaRE time on CPU for a 12 MP image (the synthetic photo-like benchmark image, or a given file):
 * the 256x256 whole-image mode and the native-resolution tiled map, after a warm-up; median of the runs.
 */
public final class BenchLareCommand implements Command {
    /** Timed runs of the 256x256 mode after one warm-up; the median is reported. */
    public static final int RUNS = 5;

    @Override public String name() { return "bench-lare"; }

    @Override public String usage() { return "bench-lare [IMAGE] [--runs N] [--tiled-runs N]"; }

    @Override public String description() {
        return """
                Times LaRE on a 12 MP image (a synthetic one, or IMAGE): the 256x256 whole-image mode and the tiled map, after a
                warm-up; prints the median of --runs N (and --tiled-runs N) runs.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        int runs = RUNS, tiledRuns = 1;
        Path image = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--runs") || a.equals("--tiled-runs")) && i + 1 < args.size()) {
                int n;
                try {
                    n = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    throw new UsageException(a + " needs a whole number, got '" + args.get(i) + "'");
                }
                if (n < 1) throw new UsageException(a + " must be at least 1");
                if (a.equals("--runs")) runs = n; else tiledRuns = n;
            } else if (!a.startsWith("--") && image == null) {
                image = Path.of(a);
            } else {
                throw new UsageException("unknown argument '" + a + "'");
            }
        }
        FloatImage img = image == null
                ? BenchCommand.photoLike(BenchCommand.BENCH_WIDTH, BenchCommand.BENCH_HEIGHT, 42)
                : new ImageLoader().load(image).image();
        try (ModelRegistry models = ModelRegistry.locate()) {
            long t0 = System.nanoTime();
            Lare lare = Lare.fromRegistry(models);
            double loadMs = ms(t0);
            out.printf(Locale.ROOT, "LaRE benchmark: %s %dx%d (%.1f MP), denoiser '%s', t = %d, %d noise draws, %d cores, CPU%n",
                    image == null ? "synthetic photo-like image" : image.getFileName(), img.width(), img.height(),
                    img.pixels() / 1e6, lare.denoiserName(), lare.timestep(), Lare.DRAWS, Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "  model load + SHA-256 check: %.0f ms%n", loadMs);
            lare.computeResized(img); // warm-up
            double[] times = new double[runs];
            LareMap m = null;
            for (int r = 0; r < runs; r++) {
                long t = System.nanoTime();
                m = lare.computeResized(img);
                times[r] = ms(t);
            }
            Arrays.sort(times);
            out.printf(Locale.ROOT, "  256x256 mode (resize, encode, %d denoiser passes): median %.1f ms over %d runs (min %.1f, max %.1f); mean LaRE %.5f%n",
                    Lare.DRAWS, times[runs / 2], runs, times[0], times[runs - 1], m.mean());
            if (lare.hasEgre()) {
                FloatImage x = Lare.resize(img, Lare.SIZE, Lare.SIZE);
                long t = System.nanoTime();
                double p = lare.egreProbability(x, m).orElse(Double.NaN);
                out.printf(Locale.ROOT, "  EGRE head: %.1f ms (p generated %.3f)%n", ms(t), p);
            }
            int tiles = Math.min(Lare.MAX_TILES, Lare.tileCount(img.width(), img.height()));
            double[] tt = new double[tiledRuns];
            FloatMap map = null;
            for (int r = 0; r < tiledRuns; r++) {
                long t = System.nanoTime();
                map = lare.tiledMap(img, f -> { });
                tt[r] = ms(t);
            }
            Arrays.sort(tt);
            out.printf(Locale.ROOT, "  tiled map (%d tiles of %dx%d, at most Lare.MAX_TILES -> %dx%d map): median %.0f ms over %d run(s), %.1f ms per tile%n",
                    tiles, Lare.TILE, Lare.TILE, map.width(), map.height(), tt[tiledRuns / 2], tiledRuns, tt[tiledRuns / 2] / tiles);
        }
        return 0;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
