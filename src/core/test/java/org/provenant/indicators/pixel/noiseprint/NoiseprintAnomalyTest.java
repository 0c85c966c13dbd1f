package org.provenant.indicators.pixel.noiseprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;

/** The EM anomaly on synthetic noiseprints: a periodic 8x8 pattern plus noise, with a square of another pattern. */
class NoiseprintAnomalyTest {
    static final int SIZE = 512, SQ0 = 192, SQ1 = 352;

    /** A noiseprint whose 8x8 pattern is {@code a} everywhere and {@code b} inside the square (NaN-free). */
    static FloatMap field(long seed, double[] a, double[] b) {
        Random r = new Random(seed);
        float[] v = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean in = b != null && x >= SQ0 && x < SQ1 && y >= SQ0 && y < SQ1;
                v[y * SIZE + x] = (float) ((in ? b : a)[(y & 7) * 8 + (x & 7)] + r.nextGaussian());
            }
        }
        return new FloatMap(SIZE, SIZE, v);
    }

    static double[] pattern(long seed) {
        Random r = new Random(seed);
        double[] p = new double[64];
        for (int k = 0; k < 64; k++) p[k] = r.nextGaussian();
        return p;
    }

    static double mean(FloatMap blocks, boolean inside) {
        double s = 0;
        int n = 0;
        for (int by = 0; by < blocks.height(); by++) {
            for (int bx = 0; bx < blocks.width(); bx++) {
                int x = bx * NoiseprintAnomaly.STRIDE, y = by * NoiseprintAnomaly.STRIDE, e = NoiseprintAnomaly.BLOCK;
                boolean in = x >= SQ0 && x + e <= SQ1 && y >= SQ0 && y + e <= SQ1;
                boolean out = x + e <= SQ0 || x >= SQ1 || y + e <= SQ0 || y >= SQ1;
                if (inside ? in : out) {
                    s += blocks.get(bx, by);
                    n++;
                }
            }
        }
        return s / n;
    }

    @Test
    void aSquareWithAnotherGridPatternStandsOut() {
        NoiseprintAnomaly.Result r = NoiseprintAnomaly.of(field(1, pattern(2), pattern(3)), null);
        assertEquals(NoiseprintAnomaly.grid(SIZE) * NoiseprintAnomaly.grid(SIZE), r.blocks());
        double in = mean(r.posterior(), true), out = mean(r.posterior(), false);
        assertTrue(in > 0.9, "inside " + in);
        assertTrue(out < 0.2, "outside " + out);
    }

    /** Gaussian tails put a few scattered blocks past 0.5 even in one-source data; the headline ignores them. */
    @Test
    void oneSourceEverywhereScoresFarBelowASplice() {
        NoiseprintAnomaly.Result clean = NoiseprintAnomaly.of(field(4, pattern(2), null), null);
        NoiseprintAnomaly.Result spliced = NoiseprintAnomaly.of(field(4, pattern(2), pattern(3)), null);
        int high = 0;
        for (float v : clean.posterior().data()) if (v >= 0.5) high++;
        assertTrue(high <= clean.blocks() / 10, high + " of " + clean.blocks() + " blocks at 0.5 or more");
        double c = NoiseprintIndicator.score(NoiseprintIndicator.cellMap(clean.posterior(), SIZE, SIZE));
        double s = NoiseprintIndicator.score(NoiseprintIndicator.cellMap(spliced.posterior(), SIZE, SIZE));
        assertTrue(s > 0.25 && c < s / 3, "splice " + s + ", clean " + c);
    }

    @Test
    void blocksOutsideTheAnalysedWindowsHaveNoValue() {
        FloatMap f = field(5, pattern(2), null);
        for (int y = 0; y < SIZE; y++) for (int x = 256; x < SIZE; x++) f.data()[y * SIZE + x] = Float.NaN;
        NoiseprintAnomaly.Result r = NoiseprintAnomaly.of(f, null);
        assertTrue(Float.isFinite(r.posterior().get(0, 0)));
        assertTrue(Float.isNaN(r.posterior().get(r.posterior().width() - 1, 0)));
        FloatImage flat = new FloatImage(SIZE, SIZE, new float[][]{new float[SIZE * SIZE]});
        assertNull(NoiseprintAnomaly.of(field(6, pattern(2), null), flat), "a flat black image has no usable block");
        assertNull(NoiseprintAnomaly.of(new FloatMap(100, 100, new float[100 * 100]), null), "fewer blocks than the fit needs");
    }
}
