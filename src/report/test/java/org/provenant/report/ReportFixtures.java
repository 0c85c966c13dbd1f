package org.provenant.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Marker;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;

/** Small real indicators and images for the report tests (the real indicators live on their own branch). */
final class ReportFixtures {
    private ReportFixtures() { }

    /** Smooth colour gradients, a bright disc and seeded noise. */
    static FloatImage image(int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[][] p = new float[3][w * h];
        double cx = w * (0.3 + 0.4 * rnd.nextDouble()), cy = h * (0.3 + 0.4 * rnd.nextDouble());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double disc = Math.hypot(x - cx, y - cy) < Math.min(w, h) / 5.0 ? 0.35 : 0;
                for (int c = 0; c < 3; c++) {
                    double v = 0.2 + 0.4 * x / w * (c + 1) / 3 + 0.3 * y / h * (3 - c) / 3 + disc + 0.04 * rnd.nextGaussian();
                    p[c][y * w + x] = (float) Math.max(0, Math.min(1, v));
                }
            }
        }
        return new FloatImage(w, h, p);
    }

    static LoadedImage write(Path file, FloatImage img) throws Exception {
        ImageIO.write(img.toBufferedImage(), "png", file.toFile());
        return new ImageLoader().load(file);
    }

    /** Mean brightness per 16x16 block, as a heat map over the image. */
    static final class BlockBrightness implements Indicator {
        @Override public String id() { return "test-brightness"; }
        @Override public String displayName() { return "Block brightness (test)"; }
        @Override public String methodReference() { return "test fixture: mean of the grey image per 16x16 block"; }
        @Override public int order() { return 1; }

        @Override public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) {
            FloatImage g = image.toGrey();
            int bw = Math.max(1, g.width() / 16), bh = Math.max(1, g.height() / 16);
            FloatMap m = FloatMap.zeros(bw, bh);
            double total = 0;
            for (int y = 0; y < bh * 16; y++) {
                for (int x = 0; x < bw * 16; x++) {
                    float v = g.get(0, x, y);
                    m.set(x / 16, y / 16, m.get(x / 16, y / 16) + v / 256f);
                    total += v;
                }
            }
            double mean = total / (bw * 16.0 * bh * 16.0);
            Score head = new Score("mean", "Mean brightness", mean, "0 is black, 1 is white; only a test of the report");
            Score spread = new Score("max_block", "Brightest block", m.max(), "the brightest 16x16 block's mean");
            return new IndicatorResult(id(), head, List.of(head, spread),
                    List.of(new MapLayer("Block brightness", m, ColourScale.INFERNO, 0, 1, "0 (black)", "1 (white)", true, List.of())),
                    "Brighter blocks are drawn in yellow, darker ones in purple. A camera original would show the scene's own light.",
                    mean > 0.5 ? Hypothesis.GENERATED : Hypothesis.CAMERA_ORIGINAL, 0.5 + Math.abs(mean - 0.5), new double[]{mean});
        }
    }

    /** A standalone picture (like a spectrum) with two marked points; headline = grey variance x 1000. */
    static final class RingPicture implements Indicator {
        @Override public String id() { return "test-ring"; }
        @Override public String displayName() { return "Ring picture (test)"; }
        @Override public String methodReference() { return "test fixture: a 64x64 ring scaled by the grey variance"; }
        @Override public int order() { return 2; }

        @Override public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) {
            FloatImage g = image.toGrey();
            double s = 0, s2 = 0;
            for (float v : g.plane(0)) {
                s += v;
                s2 += v * v;
            }
            double var = s2 / g.pixels() - (s / g.pixels()) * (s / g.pixels());
            FloatMap m = FloatMap.zeros(64, 64);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) m.set(x, y, (float) Math.cos(Math.hypot(x - 32, y - 32) / 3.0));
            }
            Score head = new Score("var1000", "Grey variance x 1000", var * 1000, "larger means more contrast");
            return new IndicatorResult(id(), head, List.of(head), List.of(new MapLayer("Ring", m, ColourScale.VIRIDIS, -1, 1,
                    "-1", "+1", false, List.of(new Marker(16, 32, "peak A"), new Marker(48, 32, "peak B")))),
                    "Rings only; a test of standalone pictures.", Hypothesis.INCONCLUSIVE, 0.5, new double[0]);
        }
    }

    /** Always fails, as an indicator without its model does. */
    static final class Failing implements Indicator {
        static final String MESSAGE = "Model 'test-model' is missing: models/test.onnx does not exist";
        @Override public String id() { return "test-failing"; }
        @Override public String displayName() { return "Needs a model (test)"; }
        @Override public String methodReference() { return "test fixture"; }
        @Override public int order() { return 3; }

        @Override public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) throws IndicatorException {
            throw new IndicatorException(MESSAGE);
        }
    }

    static List<Indicator> indicators() {
        return List.of(new BlockBrightness(), new RingPicture(), new Failing());
    }

    static AnalysisReport analyse(FloatImage img) throws InterruptedException {
        try (AnalysisEngine engine = new AnalysisEngine(ModelRegistry.empty(), 2)) {
            return engine.analyze(img, indicators(), AnalysisListener.NONE);
        }
    }

    static EvidenceAnalysis evidence(Path dir, String name, long seed, List<org.provenant.analysis.casefolder.Annotation> anns)
            throws Exception {
        LoadedImage li = write(dir.resolve(name), image(320, 240, seed));
        return new EvidenceAnalysis(li, analyse(li.image()), Instant.parse("2026-11-23T10:00:00Z"), anns);
    }

}
