package org.provenant.indicators.generative.realism;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.cli.BenchCommand;
import org.provenant.core.filter.Canny;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.ml.ModelRegistry;

class ImageRealismScoreTest {
    /** 8x8, left half 0, right half 255: a vertical step between x = 3 and x = 4. */
    private static float[] step() {
        float[] g = new float[64];
        for (int y = 0; y < 8; y++) for (int x = 4; x < 8; x++) g[y * 8 + x] = 255;
        return g;
    }

    /** The 4x4, 4-level example of skimage's graycomatrix documentation. */
    private static final float[] SKIMAGE_EXAMPLE = {0, 0, 1, 1, 0, 0, 1, 1, 0, 2, 2, 2, 2, 2, 3, 3};

    @Test
    void glcmMatchesHandCounts() {
        // step: per row 3 (0,0), 1 (0,255), 3 (255,255) pairs; symmetric counts 6, 1, 1, 6 out of 14
        double[] s = RealismStatistics.glcm(step(), 8, 8);
        assertEquals((36 + 1 + 1 + 36) / 196.0, s[0], 1e-12);
        assertEquals(2 * 255.0 * 255.0 / 14, s[1], 1e-9);
        // skimage example: P + P^T = [[4,2,1,0],[2,4,0,0],[1,0,6,1],[0,0,1,2]], 24 pairs
        double[] k = RealismStatistics.glcm(SKIMAGE_EXAMPLE, 4, 4);
        assertEquals((16 + 4 + 1 + 4 + 16 + 1 + 36 + 1 + 1 + 4) / 576.0, k[0], 1e-12);
        assertEquals((2 * 2 * 1 + 2 * 1 * 4 + 2 * 1 * 1) / 24.0, k[1], 1e-12);
    }

    @Test
    void cannyFindsOneColumnOnAStepAndNothingOnAWeakOne() {
        boolean[] e = Canny.edges(step(), 8, 8, 100, 200);
        assertEquals(8, Canny.count(e));
        for (int y = 0; y < 8; y++) assertTrue(e[y * 8 + 3], "edge at x=3, y=" + y);
        // a step of 40 grey levels gives |gx| = 160: above low, below high, so hysteresis keeps nothing
        float[] weak = step();
        for (int i = 0; i < weak.length; i++) weak[i] = weak[i] > 0 ? 40 : 0;
        assertEquals(0, Canny.count(Canny.edges(weak, 8, 8, 100, 200)));
        assertEquals(8.0 / 64, RealismStatistics.statistics(step(), 8, 8)[RealismStatistics.EDGE], 1e-12);
    }

    @Test
    void laplacianVarianceOfAStep() {
        // per row the Laplacian is 0 0 0 255 -255 0 0 0 (mirrored border repeats the row): mean 0, variance 255^2 / 4
        assertEquals(255.0 * 255.0 / 4, RealismStatistics.laplacianVariance(step(), 8, 8), 1e-9);
    }

    @Test
    void fftMeanMagnitudeMatchesDirectDft() {
        for (float[] g : List.of(step(), SKIMAGE_EXAMPLE)) {
            int n = (int) Math.sqrt(g.length);
            double sum = 0;
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    double re = 0, im = 0;
                    for (int y = 0; y < n; y++) {
                        for (int x = 0; x < n; x++) {
                            double a = -2 * Math.PI * (u * y + v * x) / (double) n;
                            re += g[y * n + x] * Math.cos(a);
                            im += g[y * n + x] * Math.sin(a);
                        }
                    }
                    sum += Math.hypot(re, im);
                }
            }
            assertEquals(sum / (n * n), RealismStatistics.fftMeanMagnitude(g, n, n), 1e-3);
        }
        // closed form for the step: 8 * 255 * (4 + 2 / sin(pi/8) + 2 / sin(3 pi/8)) / 64
        double closed = 8 * 255 * (4 + 2 / Math.sin(Math.PI / 8) + 2 / Math.sin(3 * Math.PI / 8)) / 64;
        assertEquals(closed, RealismStatistics.fftMeanMagnitude(step(), 8, 8), 1e-3);
    }

    @Test
    void pentagonAreaAndRadii() {
        assertEquals(2.5 * Math.sin(Math.toRadians(72)), ImageRealismScore.REFERENCE_AREA, 1e-12);
        double[] ref = {0.1, 100, 0.01, 500, 5000};
        double[] stats = {0.2, 50, 0.02, 250, 10000};
        double[] r = RealismStatistics.radii(stats, ref);
        assertArrayEquals(new double[]{2, 0.5, 0.5, 2, 0.5}, r, 1e-12);
        double expected = 0.5 * Math.sin(Math.toRadians(72)) * (2 * 0.5 + 0.5 * 0.5 + 0.5 * 2 + 2 * 0.5 + 0.5 * 2);
        assertEquals(expected, RealismStatistics.area(r), 1e-12);
        assertEquals(ImageRealismScore.MAX_RADIUS, RealismStatistics.radii(new double[]{1, 1, 0, 1, 1}, ref)[2]);
    }

    @Test
    void indicatorUsesVerifiedCalibrationAndRefusesATamperedOne(@TempDir Path dir) throws Exception {
        FloatImage photo = BenchCommand.photoLike(640, 480, 9);
        double[] own = RealismStatistics.measure(photo);
        IrsReference ref = IrsReference.of(List.of("photo"), List.of(own), "test");
        Files.createDirectories(dir.resolve("calibration"));
        Path file = dir.resolve("calibration/irs.json");
        ref.write(file);
        writeManifest(dir, ModelRegistry.sha256(file));
        IndicatorResult r = new ImageRealismScore().analyze(photo, IndicatorContext.of(ModelRegistry.load(dir)));
        // the image is its own reference: every radius 1, area = reference area
        assertEquals(ImageRealismScore.REFERENCE_AREA, r.headline().value(), 1e-9);
        for (String name : RealismStatistics.NAMES) assertEquals(1.0, r.score(name).value(), 1e-9);
        assertEquals(6, r.scores().size());
        assertEquals(512, r.maps().get(0).map().width());

        Files.writeString(file, Files.readString(file).replace("\"test\"", "\"changed\""));
        IndicatorException e = assertThrows(IndicatorException.class,
                () -> new ImageRealismScore().analyze(photo, IndicatorContext.of(ModelRegistry.load(dir))));
        assertTrue(e.getMessage().contains("integrity"), e.getMessage());
        IndicatorException missing = assertThrows(IndicatorException.class,
                () -> new ImageRealismScore().analyze(photo, IndicatorContext.of(ModelRegistry.empty())));
        assertTrue(missing.getMessage().contains("calibration"), missing.getMessage());
    }

    @Test
    void shippedCalibrationLoadsThroughTheRegistry() throws Exception {
        ModelRegistry models = ModelRegistry.load(Path.of("models"));
        IrsReference ref = ImageRealismScore.reference(models);
        assertEquals(RealismStatistics.WORK_SIZE, ref.workSize());
        assertEquals(9, ref.images().size());
        assertTrue(ref.meanArray()[RealismStatistics.EDGE] > 0.01);
    }

    private static void writeManifest(Path dir, String sha) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), "{\"models\":[{\"name\":\"" + IrsReference.MODEL_NAME
                + "\",\"file\":\"calibration/irs.json\",\"sha256\":\"" + sha + "\",\"kind\":\"" + IrsReference.KIND + "\"}]}");
    }
}
