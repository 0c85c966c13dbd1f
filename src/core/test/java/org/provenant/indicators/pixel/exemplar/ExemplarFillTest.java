package org.provenant.indicators.pixel.exemplar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.pixel.pixelkit.Edits;

class ExemplarFillTest {
    static final IndicatorContext CTX = IndicatorContext.of(null);
    /** The hole of the test fill: x, y, width, height. */
    static final int HX = 40, HY = 120, HW = 120, HH = 96, PIECE = 16;
    static FloatImage camera, fur;

    @BeforeAll
    static void load() throws Exception {
        camera = new ImageLoader().load(Path.of("src/core/test/resources/noiseprint/camera.jpg")).image();
        fur = new ImageLoader().load(Path.of("src/core/test/resources/photos/chelsea-1.png")).image();
    }

    /** The hole filled piece by piece, PIECE pixels square, every piece copied from its own random place outside the hole. */
    static FloatImage exemplarFill(FloatImage img, long seed) {
        FloatImage out = img.copy();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y = HY; y < HY + HH; y += PIECE) {
            for (int x = HX; x < HX + HW; x += PIECE) {
                int sx, sy;
                do {
                    sx = x + rnd.nextInt(-120, 121);
                    sy = y + rnd.nextInt(-120, 121);
                } while (sx < 0 || sy < 0 || sx + PIECE > img.width() || sy + PIECE > img.height()
                        || sx + PIECE > HX && sx < HX + HW && sy + PIECE > HY && sy < HY + HH);
                for (int c = 0; c < img.channels(); c++) {
                    for (int v = 0; v < PIECE && y + v < HY + HH; v++) {
                        for (int u = 0; u < PIECE && x + u < HX + HW; u++) {
                            out.plane(c)[(y + v) * img.width() + x + u] = img.get(c, sx + u, sy + v);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Share of the hole's 16-pixel cells inside the outlined group. */
    static double holeCovered(IndicatorResult r) {
        MapLayer group = r.maps().stream().filter(MapLayer::outlines).findFirst().orElseThrow();
        int in = 0, all = 0;
        for (int cy = HY / TwinField.CELL; cy < (HY + HH) / TwinField.CELL; cy++) {
            for (int cx = HX / TwinField.CELL; cx < (HX + HW) / TwinField.CELL; cx++) {
                all++;
                if (group.map().get(cx, cy) >= group.outlineAt()) in++;
            }
        }
        return in / (double) all;
    }

    /** Mean twin share of the cells inside the hole and of the analysed cells outside it. */
    static double[] shareInAndOut(IndicatorResult r) {
        MapLayer share = r.maps().get(0);
        double[] sum = new double[2];
        int[] n = new int[2];
        for (int cy = 0; cy < share.map().height(); cy++) {
            for (int cx = 0; cx < share.map().width(); cx++) {
                float v = share.map().get(cx, cy);
                if (!Float.isFinite(v)) continue;
                int x = cx * TwinField.CELL, y = cy * TwinField.CELL;
                int k = x >= HX && x + TwinField.CELL <= HX + HW && y >= HY && y + TwinField.CELL <= HY + HH ? 0 : 1;
                sum[k] += v;
                n[k]++;
            }
        }
        return new double[]{sum[0] / Math.max(1, n[0]), sum[1] / Math.max(1, n[1])};
    }

    @Test
    void photosHaveNoGroupOfTwins() throws Exception {
        for (FloatImage photo : new FloatImage[]{camera, fur}) {
            IndicatorResult r = new ExemplarFill().analyze(photo, CTX);
            assertNotEquals(Hypothesis.MANIPULATED, r.supports());
            assertTrue(r.headline().value() < ExemplarFill.THRESHOLD / 3, "twins in the photo: " + r.headline().value());
            assertTrue(r.value("twin_share") < 0.002, "twin share " + r.value("twin_share"));
        }
    }

    @Test
    void findsAHoleFilledWithPiecesFromManyPlaces() throws Exception {
        IndicatorResult r = new ExemplarFill().analyze(exemplarFill(fur, 7), CTX);
        assertEquals(Hypothesis.MANIPULATED, r.supports(), r.explanation());
        assertTrue(holeCovered(r) >= 0.6, "hole covered " + holeCovered(r));
        double[] inOut = shareInAndOut(r);
        assertTrue(inOut[0] >= 2 * inOut[1], "twins denser in the hole than around it: " + inOut[0] + " vs " + inOut[1]);
        assertTrue(r.explanation().contains("twin pixels"), r.explanation());
    }

    @Test
    void survivesAFineJpegResave() throws Exception {
        IndicatorResult r = new ExemplarFill().analyze(Edits.jpeg(exemplarFill(fur, 11), 95), CTX);
        assertEquals(Hypothesis.MANIPULATED, r.supports(), "headline " + r.headline().value());
        assertTrue(holeCovered(r) >= 0.3, "hole covered " + holeCovered(r));
    }

    @Test
    void aPictureThatRepeatsItselfEverywhereDrawsNoVerdict() throws Exception {
        int w = 400, h = 300, period = 37;
        SplittableRandom rnd = new SplittableRandom(3);
        float[][] tile = new float[3][period * period];
        for (float[] t : tile) for (int i = 0; i < t.length; i++) t[i] = rnd.nextInt(40, 216) / 255f;
        FloatImage img = FloatImage.blank(w, h, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) img.plane(c)[y * w + x] = tile[c][(y % period) * period + x % period];
            }
        }
        IndicatorResult r = new ExemplarFill().analyze(img, CTX);
        assertTrue(r.headline().value() >= ExemplarFill.THRESHOLD, "twins everywhere: " + r.headline().value());
        assertTrue(r.value("background_twin_share") >= ExemplarFill.MAX_BACKGROUND, "background " + r.value("background_twin_share"));
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports(), "a periodic texture is not a fill");
        assertTrue(r.finding().toString().contains("repeats itself"), r.finding().toString());
    }

    @Test
    void flatAndTinyImagesSayNotEnoughTexture() throws Exception {
        for (FloatImage img : new FloatImage[]{FloatImage.blank(400, 300, 3), FloatImage.blank(20, 20, 3)}) {
            IndicatorResult r = new ExemplarFill().analyze(img, CTX);
            assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
            assertTrue(Double.isNaN(r.headline().value()), "undefined headline on " + img);
        }
    }

    @Test
    void largeImagesAreAnalysedInWindowsWithinTheBudget() {
        long total = 0;
        for (int[] w : TwinField.windows(4000, 3000)) {
            assertTrue(w[0] >= 0 && w[1] >= 0 && w[0] + w[2] <= 4000 && w[1] + w[3] <= 3000, "window inside the image");
            total += (long) w[2] * w[3];
        }
        assertTrue(total <= TwinField.MAX_PIXELS && total >= TwinField.MAX_PIXELS / 2, "analysed " + total);
        assertEquals(1, TwinField.windows(900, 700).size(), "a small image is one window");
    }
}
