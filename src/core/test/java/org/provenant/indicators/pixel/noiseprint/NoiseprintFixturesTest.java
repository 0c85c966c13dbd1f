package org.provenant.indicators.pixel.noiseprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.ml.ModelRegistry;

/**
 * The noiseprint indicator on the committed fixtures (src/core/test/resources/noiseprint/FIXTURES.md, made from
 * held-out camera photos by models/training/noiseprint/make_fixtures.py): on a splice of two cameras the map is
 * higher inside the pasted square than outside, and an untouched camera JPEG draws no "edited" lean and a lower
 * headline than the splice.
 */
class NoiseprintFixturesTest {
    static final Path DIR = Path.of("src/core/test/resources/noiseprint");
    static ModelRegistry models;
    static FloatImage splice, mask, camera;

    @BeforeAll
    static void load() throws Exception {
        models = ModelRegistry.load(Path.of("models"));
        ImageLoader l = new ImageLoader();
        splice = l.load(DIR.resolve("splice.png")).image();
        mask = l.load(DIR.resolve("splice.mask.png")).image();
        camera = l.load(DIR.resolve("camera.jpg")).image();
    }

    @AfterAll
    static void close() {
        models.close();
    }

    static IndicatorResult run(Indicator ind, FloatImage img) throws Exception {
        return ind.analyze(img, IndicatorContext.of(models));
    }

    /** Mean of the map over the cells wholly inside (inside = true) or wholly outside the mask. */
    static double mean(FloatMap m, boolean inside) {
        int w = mask.width(), h = mask.height();
        double s = 0;
        int n = 0;
        for (int cy = 0; cy < m.height(); cy++) {
            for (int cx = 0; cx < m.width(); cx++) {
                int x0 = cx * w / m.width(), x1 = (cx + 1) * w / m.width(), y0 = cy * h / m.height(), y1 = (cy + 1) * h / m.height();
                int in = 0, all = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        all++;
                        if (mask.get(0, x, y) > 0.5f) in++;
                    }
                }
                float v = m.get(cx, cy);
                if (Float.isFinite(v) && all > 0 && (inside ? in == all : in == 0)) {
                    s += v;
                    n++;
                }
            }
        }
        assertTrue(n > 0, "no cell wholly " + (inside ? "inside" : "outside") + " the mask");
        return s / n;
    }

    static void spliceStandsOutAndCameraDoesNotLean(Indicator ind, String key) throws Exception {
        IndicatorResult s = run(ind, splice), c = run(ind, camera);
        FloatMap map = s.maps().get(0).map();
        double in = mean(map, true), out = mean(map, false);
        System.out.printf("%s: splice map inside %.3f, outside %.3f; headline splice %.3f, camera %.3f%n", ind.id(), in, out,
                s.score(key).value(), c.score(key).value());
        assertTrue(in > out + 0.2, ind.id() + " map inside " + in + " vs outside " + out);
        assertNotEquals(Hypothesis.MANIPULATED, c.supports(), ind.id() + " leans 'edited' on an untouched camera photo");
        assertTrue(c.score(key).value() < s.score(key).value(), ind.id() + " scores the camera photo above the splice");
    }

    @Test
    void noiseprintFindsTheSplice() throws Exception {
        spliceStandsOutAndCameraDoesNotLean(new NoiseprintIndicator(), "noiseprint_anomaly");
    }

    /** Up to MAX_PIXELS the whole image is analysed; a 12 MP photo in windows spread over it, within the bound. */
    @Test
    void windowsCoverSmallImagesAndBoundLargeOnes() {
        int[][] small = NoiseprintField.lattice(1000, 700);
        assertEquals(4, small[0].length);
        assertEquals(3, small[1].length);
        assertEquals(744, small[0][3], "the last window flush with the right edge (on the 8x8 grid)");
        assertEquals(440, small[1][2], "700 - 256 = 444, down to the grid");
        int[][] big = NoiseprintField.lattice(4000, 3000);
        long analysed = (long) big[0].length * big[1].length * NoiseprintField.WINDOW * NoiseprintField.WINDOW;
        assertTrue(analysed <= NoiseprintField.MAX_PIXELS && analysed > NoiseprintField.MAX_PIXELS / 2, "analysed " + analysed);
        for (int[] side : big) for (int s : side) assertEquals(0, s % 8, "windows start on the 8x8 grid");
        assertTrue(big[0][big[0].length - 1] + NoiseprintField.WINDOW <= 4000);
    }
}
