package org.provenant.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HighPassTest {
    @Test
    void rampHasZeroResidualInsideAndAnImpulseKeepsEightNinths() {
        int w = 7, h = 5;
        float[] ramp = new float[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) ramp[y * w + x] = 0.1f * x + 0.05f * y;
        float[] r = HighPass.residual(ramp, w, h);
        for (int y = 1; y < h - 1; y++) for (int x = 1; x < w - 1; x++) assertEquals(0, r[y * w + x], 1e-6);

        float[] imp = new float[w * h];
        imp[2 * w + 3] = 1;
        float[] ri = HighPass.residual(imp, w, h);
        assertEquals(8f / 9f, ri[2 * w + 3], 1e-6);
        assertEquals(-1f / 9f, ri[2 * w + 4], 1e-6);
        assertEquals(-1f / 9f, ri[1 * w + 2], 1e-6);
        assertEquals(0, ri[0], 1e-6);
        // replicated border: corner pixel 1 in a zero image, mean over the replicated 3x3 = 4/9
        float[] corner = new float[w * h];
        corner[0] = 1;
        assertEquals(5f / 9f, HighPass.residual(corner, w, h)[0], 1e-6);
    }
}
