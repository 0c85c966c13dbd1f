package org.provenant.indicators.pixel.localization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.SharedWork;
import org.provenant.indicators.features.Regions;
import org.provenant.ml.ModelRegistry;

class ReliabilityTest {
    /** Left half textured, right half: top flat grey, middle clipped white, bottom very dark but textured. */
    static FloatImage mixed() {
        FloatImage tex = DuplicatePatchesTest.texture(256, 192, 5);
        float[] t = tex.plane(0);
        float[][] rgb = new float[3][256 * 192];
        for (int y = 0; y < 192; y++) {
            for (int x = 0; x < 256; x++) {
                int i = y * 256 + x;
                float v = x < 128 ? t[i] : y < 64 ? 0.5f : y < 128 ? 1f : 0.02f * t[i];
                for (int c = 0; c < 3; c++) rgb[c][i] = v;
            }
        }
        return new FloatImage(256, 192, rgb);
    }

    @Test
    void flatClippedAndDarkCellsCannotSpeak() throws Exception {
        FloatImage img = mixed();
        IndicatorContext ctx = IndicatorContext.of(ModelRegistry.empty()).withShared(new SharedWork(img));
        Localization.Localized l = Localization.localize(img, ctx, Optional.empty());
        FloatMap r = l.reliability();
        double textured = mean(r, 2, 2, 12, 20), flat = mean(r, 18, 1, 30, 6), clipped = mean(r, 18, 9, 30, 14),
                dark = mean(r, 18, 17, 30, 22);
        assertTrue(textured > 0.5, "textured " + textured);
        assertEquals(0, flat, 1e-6);
        assertEquals(0, clipped, 1e-6);
        assertTrue(dark < 0.25 * textured, "dark " + dark);
    }

    @Test
    void heavyJpegCompressionLowersEverything() {
        // mean luma steps of the IJG tables: quality 90 11.5, 80 23.1, 70 34.5, 50 57.6, 40 72
        assertEquals(1, Reliability.jpegFactor(Double.NaN));
        assertEquals(1, Reliability.jpegFactor(11.5));
        assertEquals(1, Reliability.jpegFactor(23.0));
        assertEquals(Reliability.MIN_JPEG, Reliability.jpegFactor(72), 1e-9);
        double q70 = Reliability.jpegFactor(34.5);
        assertTrue(q70 > Reliability.MIN_JPEG && q70 < 1, "" + q70);
    }

    @Test
    void withoutAFusionModelNothingIsOutlinedAndItSaysSo() throws Exception {
        IndicatorResult r = new Localization().analyze(mixed(), IndicatorContext.of(ModelRegistry.empty()));
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertTrue(r.explanation().startsWith("No fusion model"), r.explanation());
        assertEquals(null, Regions.outlined(r, 256, 192));
    }

    static double mean(FloatMap m, int x0, int y0, int x1, int y1) {
        double s = 0;
        int n = 0;
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) { s += m.get(x, y); n++; }
        return s / n;
    }
}
