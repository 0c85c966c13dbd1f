package org.provenant.indicators.pixel.localization;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.IndicatorContext;
import org.provenant.ml.ModelRegistry;

class DuplicatePatchesTest {
    /** Smooth random texture with noise: no two 8x8 patches alike, as in a photograph. */
    static FloatImage texture(int w, int h, long seed) {
        Random r = new Random(seed);
        float[] p = new float[w * h];
        double[] a = new double[6];
        for (int k = 0; k < a.length; k++) a[k] = r.nextDouble() * 6;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0.5 + 0.2 * Math.sin(x / (7 + a[0]) + a[1]) * Math.cos(y / (9 + a[2]) + a[3])
                        + 0.1 * Math.sin((x + y) / (3 + a[4])) + 0.03 * r.nextGaussian();
                p[y * w + x] = (float) Math.max(0, Math.min(1, v));
            }
        }
        return new FloatImage(w, h, new float[][]{p});
    }

    @Test
    void aClonedBlockAndItsSourceHaveTwinsTheRestHasNone() {
        FloatImage img = texture(256, 192, 7);
        float[] p = img.plane(0);
        // clone a 48 x 48 square from (16, 16) to (176, 120), as a clone stamp would
        for (int y = 0; y < 48; y++) System.arraycopy(p, (16 + y) * 256 + 16, p, (120 + y) * 256 + 176, 48);
        CellGrid g = CellGrid.of(256, 192);
        FloatMap s = DuplicatePatches.share(img, g, IndicatorContext.of(ModelRegistry.empty()));
        double copy = mean(s, 176 + 8, 120 + 8, 32), source = mean(s, 16 + 8, 16 + 8, 32), elsewhere = mean(s, 96, 48, 48);
        System.out.printf(Locale.ROOT, "twin share: copy %.2f, source %.2f, elsewhere %.2f%n", copy, source, elsewhere);
        assertTrue(copy > 0.8 && source > 0.8, copy + " " + source);
        assertTrue(elsewhere < 0.02, "" + elsewhere);
    }

    @Test
    void flatImagesHaveNothingToTest() {
        FloatImage flat = new FloatImage(64, 64, new float[][]{new float[64 * 64]});
        FloatMap s = DuplicatePatches.share(flat, CellGrid.of(64, 64), IndicatorContext.of(ModelRegistry.empty()));
        for (float v : s.data()) assertTrue(Float.isNaN(v));
    }

    private static double mean(FloatMap m, int x0, int y0, int side) {
        double s = 0;
        int n = 0;
        for (int y = y0 / 8; y < (y0 + side) / 8; y++) {
            for (int x = x0 / 8; x < (x0 + side) / 8; x++) {
                if (Float.isFinite(m.get(x, y))) { s += m.get(x, y); n++; }
            }
        }
        return s / n;
    }
}
