package org.provenant.indicators.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.provenant.core.jpeg.JpegResave;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.features.ResidualFeatures;

/** The residual features: fixed length, normalised histograms, size-independent, blind to smooth vs noisy swaps. */
public class ResidualFeaturesTest {
    public static FloatImage noise(int w, int h, double sigma, long seed) {
        Random r = new Random(seed);
        float[][] p = new float[3][w * h];
        for (int i = 0; i < w * h; i++) {
            double base = 0.5 + 0.1 * Math.sin(i % w / 17.0);
            for (int c = 0; c < 3; c++) p[c][i] = (float) Math.max(0, Math.min(1, base + sigma * r.nextGaussian()));
        }
        return new FloatImage(w, h, p).quantize8();
    }

    @Test
    void lengthNamesAndNormalisation() {
        double[] f = ResidualFeatures.of(noise(300, 200, 0.02, 1));
        assertEquals(ResidualFeatures.size(), f.length);
        assertEquals(ResidualFeatures.names().size(), f.length);
        assertEquals(310, f.length);
        double sum = 0;
        for (int i = 0; i < 39; i++) sum += f[i];
        assertEquals(1, sum, 1e-9, "each histogram sums to 1");
    }

    @Test
    void theSameNoiseGivesNearlyTheSameVectorAtAnyImageSize() {
        double[] small = ResidualFeatures.of(noise(128, 128, 0.02, 2)), large = ResidualFeatures.of(noise(900, 700, 0.02, 3));
        double[] other = ResidualFeatures.of(noise(900, 700, 0.005, 4));
        double dSame = 0, dOther = 0;
        for (int i = 0; i < small.length; i++) {
            dSame += Math.abs(small[i] - large[i]);
            dOther += Math.abs(other[i] - large[i]);
        }
        assertTrue(dSame < 0.2 * dOther, "size changes the vector far less than the noise level: " + dSame + " vs " + dOther);
        assertEquals(16, ResidualFeatures.tiles(900, 700).size(), "bounded number of tiles");
        assertEquals(1, ResidualFeatures.tiles(128, 128).size());
    }

    @Test
    void greyOrTinyImagesAreNotApplicable() {
        assertFalse(ResidualFeatures.applicable(noise(100, 400, 0.02, 5)));
        FloatImage grey = noise(200, 200, 0.02, 6).toGrey();
        assertFalse(ResidualFeatures.applicable(grey));
        assertFalse(ResidualFeatures.applicable(grey.toRgb()), "grey stored as RGB");
        assertTrue(ResidualFeatures.applicable(noise(128, 128, 0.02, 7)));
    }

    @Test
    void jpegResaveHonoursChromaSubsampling() {
        FloatImage img = noise(256, 256, 0.05, 8);
        int b420 = JpegResave.encode(img, 0.9f, false).length, b444 = JpegResave.encode(img, 0.9f, true).length;
        assertTrue(b444 > b420 * 1.1, "4:4:4 keeps more chroma: " + b444 + " vs " + b420);
    }
}
