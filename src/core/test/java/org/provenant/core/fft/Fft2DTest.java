package org.provenant.core.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Fft2DTest {
    @Test
    void magnitudeMatchesDirectDftAndShiftCentresDc() {
        int rows = 6, cols = 8;
        float[] a = new float[rows * cols];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble();
        float[] m = new Fft2D(rows, cols).magnitude(a);
        for (int u = 0; u < rows; u++) {
            for (int v = 0; v < cols; v++) {
                double re = 0, im = 0;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        double ang = -2 * Math.PI * ((double) u * r / rows + (double) v * c / cols);
                        re += a[r * cols + c] * Math.cos(ang);
                        im += a[r * cols + c] * Math.sin(ang);
                    }
                }
                assertEquals(Math.hypot(re, im), m[u * cols + v], 1e-4);
            }
        }
        float[] s = Fft2D.shift(m, cols, rows);
        assertEquals(m[0], s[(rows / 2) * cols + cols / 2]);
        assertEquals(m[1], s[(rows / 2) * cols + cols / 2 + 1]);
    }
}
