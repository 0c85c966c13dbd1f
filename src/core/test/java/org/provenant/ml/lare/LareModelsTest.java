package org.provenant.ml.lare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

class LareModelsTest {
    static ModelRegistry models() throws ModelException {
        return ModelRegistry.load(Path.of("models"));
    }

    static FloatImage gradient(int w, int h) {
        float[][] p = new float[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                p[0][i] = x / (float) w;
                p[1][i] = y / (float) h;
                p[2][i] = 0.5f + 0.4f * (float) Math.sin(x * 0.3 + y * 0.2);
            }
        }
        return new FloatImage(w, h, p);
    }

    @Test
    void shippedModelsGiveA4x32x32MapThatIsReproducible() throws Exception {
        try (ModelRegistry reg = models()) {
            Lare lare = Lare.fromRegistry(reg);
            assertEquals(200, lare.timestep());
            FloatImage img = gradient(300, 200);
            LareMap a = lare.computeResized(img);
            assertEquals(4, a.channels());
            assertEquals(32, a.width());
            assertEquals(32, a.height());
            for (float v : a.values()) assertTrue(v >= 0 && Float.isFinite(v));
            LareMap b = lare.computeResized(img);
            assertArrayEquals(a.values(), b.values(), "fixed noise seed: same image, same LaRE");
            assertEquals(LareMap.featureNames(4).size(), a.features().length);
            assertEquals(a.mean(), a.features()[a.features().length - 1], 1e-9);
        }
    }

    @Test
    void tiledMapCoversTheImageAtOneEighthResolution() throws Exception {
        try (ModelRegistry reg = models()) {
            Lare lare = Lare.fromRegistry(reg);
            double[] last = {0};
            FloatMap m = lare.tiledMap(gradient(600, 300), f -> last[0] = f);
            assertEquals(75, m.width());
            assertEquals(38, m.height());
            assertEquals(1.0, last[0], 1e-9);
            for (float v : m.data()) assertTrue(Float.isFinite(v) && v >= 0, "every latent position covered by a tile");
        }
    }

    @Test
    void largeImagesAreBoundedToMaxTilesAndKeepTheMapSize() throws Exception {
        assertEquals(6, Lare.tileCount(600, 300));
        assertEquals(192, Lare.tileCount(4000, 3000));
        try (ModelRegistry reg = models()) {
            Lare lare = Lare.fromRegistry(reg);
            int[] calls = {0};
            // 9 x 7 = 63 tiles at native resolution, more than MAX_TILES: downscaled, map resized back to width/8 x height/8
            FloatMap m = lare.tiledMap(gradient(2304, 1792), f -> calls[0]++);
            assertTrue(Lare.tileCount(2304, 1792) > Lare.MAX_TILES);
            assertTrue(calls[0] <= Lare.MAX_TILES && calls[0] > 0, calls[0] + " tiles run");
            assertEquals(288, m.width());
            assertEquals(224, m.height());
            for (float v : m.data()) assertTrue(Float.isFinite(v) && v >= 0);
        }
    }

    @Test
    void decoderRoundTripKeepsSizeAndRange() throws Exception {
        try (ModelRegistry reg = models()) {
            Lare lare = Lare.fromRegistry(reg);
            FloatImage r = lare.reconstruct(gradient(64, 48));
            assertEquals(64, r.width());
            assertEquals(48, r.height());
        }
    }

    @Test
    void alphaBarMatchesTheDdpmLinearSchedule() {
        // abar_0 = 1 - beta_0; abar decreases; abar_999 of the linear 1e-4..0.02 schedule is about 4e-5
        assertEquals(1 - 1e-4, Lare.alphaBar("linear", 1e-4, 0.02, 1000, 0), 1e-12);
        double a200 = Lare.alphaBar("linear", 1e-4, 0.02, 1000, 200);
        assertTrue(a200 > 0.6 && a200 < 0.7, "abar_200 = " + a200);
        assertTrue(Lare.alphaBar("linear", 1e-4, 0.02, 1000, 999) < 1e-4);
        assertTrue(Lare.alphaBar("scaled_linear", 0.00085, 0.012, 1000, 200) > a200);
    }

    @Test
    void emptyRegistryNamesWhatIsMissing() {
        ModelException e = assertThrows(ModelException.class, () -> Lare.fromRegistry(ModelRegistry.empty()));
        assertTrue(e.getMessage().contains("lare.denoiser"), e.getMessage());
    }
}
