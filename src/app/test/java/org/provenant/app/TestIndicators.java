package org.provenant.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Marker;
import org.provenant.indicators.Score;

/** Small indicators and images for the window tests. */
public final class TestIndicators {
    private TestIndicators() { }

    /** Writes a PNG: a diagonal gradient with noise, so every pixel differs. */
    public static Path writePng(Path file, int w, int h, long seed) throws IOException {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = (x + y) * 200 / (w + h);
                int r = clamp(base + rnd.nextInt(40)), g = clamp(base / 2 + 40 + rnd.nextInt(40)), b = clamp(220 - base + rnd.nextInt(30));
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /**
     * Fast indicator with one heat map (block brightness of the red channel) and one standalone picture with a
     * marker at its brightest cell; its headline is the mean red value.
     */
    public static final class Brightness implements Indicator {
        public static final int BLOCK = 8;

        @Override public String id() { return "test-brightness"; }
        @Override public String displayName() { return "Test brightness"; }
        @Override public String methodReference() { return "test fixture"; }
        @Override public int order() { return 1; }

        @Override
        public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
            int bw = Math.max(1, image.width() / BLOCK), bh = Math.max(1, image.height() / BLOCK);
            FloatMap m = FloatMap.zeros(bw, bh);
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    int bx = Math.min(bw - 1, x / BLOCK), by = Math.min(bh - 1, y / BLOCK);
                    m.set(bx, by, m.get(bx, by) + image.get(0, x, y) / (BLOCK * BLOCK));
                }
            }
            int best = 0;
            for (int i = 1; i < m.data().length; i++) if (m.data()[i] > m.data()[best]) best = i;
            double mean = m.mean();
            Score head = new Score("mean_red", "Mean red", mean, "0 = black, 1 = full red");
            return new IndicatorResult(id(), head, List.of(head, new Score("blocks", "Blocks", bw * bh, "count")),
                    List.of(new MapLayer("Red per block", m, ColourScale.VIRIDIS, 0, 1, "0", "1", true, List.of()),
                            new MapLayer("Red picture", m, ColourScale.INFERNO, 0, 1, "0", "1", false,
                                    List.of(new Marker(best % bw + 0.5, best / bw + 0.5, "max")))),
                    "Test explanation: brighter blocks have more red.", Hypothesis.CAMERA_ORIGINAL, 0.7, null);
        }
    }

    /**
     * States a finding that points to a local edit, with an overlay map (the darkest block marked): the indicator
     * whose map the window draws first ({@link org.provenant.analysis.FindingOrder#firstMap}).
     */
    public static final class Region implements Indicator {
        public static final String PHRASE = "a darker block than the rest (test)";

        @Override public String id() { return "test-region"; }
        @Override public String displayName() { return "Test region"; }
        @Override public String methodReference() { return "test fixture"; }
        @Override public int order() { return 3; }

        @Override
        public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
            FloatMap m = FloatMap.zeros(4, 4);
            m.set(1, 2, 1);
            Score head = new Score("blocks", "Darker blocks", 1, "count");
            return new IndicatorResult(id(), head, List.of(head), List.of(new MapLayer("Darker blocks", m, ColourScale.INFERNO,
                    0, 1, "0", "1", true, List.of())), "Test region explanation.", Hypothesis.MANIPULATED, 0.8, null)
                    .withFinding(Finding.lean(Hypothesis.MANIPULATED, 0.8, PHRASE, "test threshold"));
        }
    }

    /** Always fails with a user-facing message. */
    public static final class Failing implements Indicator {
        public static final String MESSAGE = "the test model is missing";

        @Override public String id() { return "test-failing"; }
        @Override public String displayName() { return "Test failing"; }
        @Override public String methodReference() { return "test fixture"; }
        @Override public int order() { return 2; }

        @Override
        public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
            throw new IndicatorException(MESSAGE);
        }
    }

    /**
     * Reports the image width; on an image {@link #BLOCK_WIDTH} pixels wide it first blocks, deaf to cancellation,
     * until {@link #release} opens: a late result from an analysis the window has moved on from.
     */
    public static final class Stubborn implements Indicator {
        public static final int BLOCK_WIDTH = 100;
        public final CountDownLatch blocked = new CountDownLatch(1);
        public final CountDownLatch release = new CountDownLatch(1);
        public final AtomicInteger finished = new AtomicInteger();

        @Override public String id() { return "test-stubborn"; }
        @Override public String displayName() { return "Test stubborn"; }
        @Override public String methodReference() { return "test fixture"; }
        @Override public int order() { return 4; }

        @Override
        public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
            if (image.width() == BLOCK_WIDTH) {
                blocked.countDown();
                boolean interrupted = false;
                while (true) {
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;   // deaf to cancellation on purpose
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
            Score s = new Score("width", "Width", image.width(), "pixels");
            return new IndicatorResult(id(), s, List.of(s), List.of(), "width " + image.width(), Hypothesis.INCONCLUSIVE, 0.5, null);
        }
    }

    /** Works in small steps for up to 60 s, checking for cancellation at each step; counts its steps. */
    public static final class Slow implements Indicator {
        /** Set when the work ended because it was cancelled (not finished, not failed). */
        public final java.util.concurrent.atomic.AtomicBoolean stoppedByCancel = new java.util.concurrent.atomic.AtomicBoolean();
        public final AtomicInteger steps = new AtomicInteger();
        public final CountDownLatch started = new CountDownLatch(1);
        public final CountDownLatch exited = new CountDownLatch(1);

        @Override public String id() { return "test-slow"; }
        @Override public String displayName() { return "Test slow"; }
        @Override public String methodReference() { return "test fixture"; }
        @Override public int order() { return 3; }

        @Override
        public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
            started.countDown();
            try {
                for (int i = 0; i < 3000; i++) {
                    if (context.progress().cancelled()) {
                        stoppedByCancel.set(true);
                        throw new java.util.concurrent.CancellationException("analysis cancelled");
                    }
                    steps.incrementAndGet();
                    context.progress().progress(i / 3000.0);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stoppedByCancel.set(true);
                        throw new java.util.concurrent.CancellationException();
                    }
                }
                Score s = new Score("steps", "Steps", steps.get(), "steps done");
                return new IndicatorResult(id(), s, List.of(s), List.of(), "slow", Hypothesis.INCONCLUSIVE, 0.5, null);
            } finally {
                exited.countDown();
            }
        }
    }
}
