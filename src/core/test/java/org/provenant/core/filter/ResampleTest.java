package org.provenant.core.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResampleTest {
    @Test
    void areaAveragingUsesFractionalCoverage() {
        // 4x4 -> 2x2: plain 2x2 block means
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        assertArrayEquals(new float[]{3.5f, 5.5f, 11.5f, 13.5f}, Resample.resize(a, 4, 4, 2, 2), 1e-5f);
        // 3x1 -> 2x1: each output covers 1.5 pixels: (1 * 1 + 0.5 * 2) / 1.5 and (0.5 * 2 + 1 * 3) / 1.5
        assertArrayEquals(new float[]{4f / 3f, 8f / 3f}, Resample.resize(new float[]{1, 2, 3}, 3, 1, 2, 1), 1e-5f);
        // the mean is preserved by area averaging
        float[] r = Resample.resize(a, 4, 4, 3, 3);
        double mean = 0;
        for (float v : r) mean += v / 9.0;
        assertEquals(8.5, mean, 1e-5);
    }

    @Test
    void enlargingInterpolatesLinearlyBetweenPixelCentres() {
        // 2x1 -> 4x1, centre-aligned: 0.25 and 0.75 between the two source values, edges clamped
        assertArrayEquals(new float[]{0, 2.5f, 7.5f, 10}, Resample.resize(new float[]{0, 10}, 2, 1, 4, 1), 1e-5f);
    }
}
