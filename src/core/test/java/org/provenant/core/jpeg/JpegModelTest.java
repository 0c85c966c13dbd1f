package org.provenant.core.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;

class JpegModelTest {
    @Test
    void ijgStepsAtKnownQualities() {
        assertEquals(16, JpegModel.step(0, 50, false));
        assertEquals(8, JpegModel.step(0, 75, false));
        assertEquals(3, JpegModel.step(0, 90, false));
        assertEquals(1, JpegModel.step(0, 100, false));
        assertEquals(17, JpegModel.step(0, 50, true));
        assertEquals(32, JpegModel.step(0, 25, false));
    }

    @Test
    void dctIsOrthonormalAndInvertible() {
        SplittableRandom r = new SplittableRandom(3);
        float[] px = new float[64], tmp = new float[64], c = new float[64], back = new float[64];
        double e = 0;
        for (int i = 0; i < 64; i++) { px[i] = (float) (r.nextDouble() * 255 - 128); e += px[i] * px[i]; }
        JpegModel.forward(px, tmp, c, 0);
        double ec = 0;
        for (float v : c) ec += v * v;
        assertEquals(e, ec, e * 1e-5, "Parseval");
        JpegModel.inverse(c, tmp, back);
        for (int i = 0; i < 64; i++) assertEquals(px[i], back[i], 1e-3);
        // a flat block has only a DC coefficient, 8 x its level
        java.util.Arrays.fill(px, 10);
        JpegModel.forward(px, tmp, c, 0);
        assertEquals(80, c[0], 1e-3);
        for (int k = 1; k < 64; k++) assertEquals(0, c[k], 1e-3);
    }

    @Test
    void requantizingAtTheSameQualityChangesAlmostNothing() {
        // a grey image made of coefficients on the q75 grid: re-quantizing at 75 gives zero error, at 90 a larger one
        int w = 64, h = 64;
        FloatImage img = FloatImage.blank(w, h, 1);
        SplittableRandom r = new SplittableRandom(5);
        float[] c = new float[64], tmp = new float[64], px = new float[64];
        for (int by = 0; by < h / 8; by++) {
            for (int bx = 0; bx < w / 8; bx++) {
                for (int k = 0; k < 64; k++) c[k] = k < 10 ? JpegModel.step(k, 75, false) * (r.nextInt(5) - 2) : 0;
                JpegModel.inverse(c, tmp, px);
                for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) img.plane(0)[(by * 8 + y) * w + bx * 8 + x] = (px[y * 8 + x] + 128) / 255f;
            }
        }
        JpegModel m = JpegModel.of(img);
        float[][] at75 = m.requantizationError(0, 75), at90 = m.requantizationError(0, 90);
        double e75 = 0, e90 = 0;
        for (int b = 0; b < at75[0].length; b++) { e75 += at75[0][b]; e90 += at90[0][b]; }
        assertTrue(e75 < 1e-6, "on its own grid: " + e75);
        assertTrue(e90 > 100 * Math.max(e75, 1e-6), "another grid: " + e90);
        // the difference picture agrees: zero at 75, not at 90; 2x2 cells average 4 pixels
        float[] d75 = m.differenceMap(75, 2), d90 = m.differenceMap(90, 2);
        assertEquals(32 * 32, d75.length);
        double s75 = 0, s90 = 0;
        for (int i = 0; i < d75.length; i++) { s75 += d75[i]; s90 += d90[i]; }
        assertTrue(s75 < 1e-2 && s90 > 10, s75 + " " + s90);
    }
}
