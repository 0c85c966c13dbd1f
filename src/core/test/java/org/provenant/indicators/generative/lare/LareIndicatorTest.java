package org.provenant.indicators.generative.lare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.pixel.localization.Localization;
import org.provenant.indicators.features.Regions;
import org.provenant.indicators.pixel.localization.TestPhotos;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.lare.Lare;
import org.provenant.ml.lare.LareMap;

class LareIndicatorTest {
    /** 256x256 crops of the held-out photos: {photo, x, y}. */
    static final Object[][] CROPS = {
            {"lare-coffee-wide.png", 0, 0}, {"lare-coffee-wide.png", 256, 0}, {"lare-coffee-wide.png", 0, 128}, {"lare-coffee-wide.png", 256, 128},
            {"lare-chelsea-wide.png", 0, 0}, {"lare-chelsea-wide.png", 192, 0}, {"lare-chelsea-wide.png", 0, 32}, {"lare-chelsea-wide.png", 192, 32}};
    /**
     * IoU floor for an autoencoder-decoded patch with the fused cues (fine-detail ratio and latent quantization; LaRE is
     * not fused any more): measured 0.480, floor one 32-px tile of the 160-px patch (about 0.03) below.
     */
    static final double IOU_FLOOR_DECODED_PATCH = 0.45;

    static ModelRegistry models() throws Exception {
        return ModelRegistry.load(Path.of("models"));
    }

    /**
     * Direction measured, not assumed: with the shipped models a crop decoded through the autoencoder (a stand-in for a
     * latent-diffusion image) has the LOWER LaRE, as DIRE/AEROBLADE-style reasoning expects (it lies where the
     * denoiser was trained): held-out crops 0.2447 real vs 0.2287 decoded, lower in 8 of 8 pairs; the recipe's
     * training crops 0.2225 vs 0.1922, lower in 24 of 24. The issue text expected "higher"; the data shows the opposite.
     */
    @Test
    void decodedStandInsHaveLowerLareThanTheirRealPhotosOnAverage() throws Exception {
        try (ModelRegistry reg = models()) {
            Lare lare = Lare.fromRegistry(reg);
            double real = 0, gen = 0, pReal = 0, pGen = 0;
            int lower = 0;
            for (Object[] c : CROPS) {
                FloatImage crop = TestPhotos.load((String) c[0]).crop((int) c[1], (int) c[2], 256, 256);
                FloatImage dec = lare.reconstruct(crop);
                LareMap mr = lare.compute(crop), mg = lare.compute(dec);
                double r = mr.mean(), g = mg.mean();
                pReal += lare.egreProbability(crop, mr).orElse(Double.NaN) / CROPS.length;
                pGen += lare.egreProbability(dec, mg).orElse(Double.NaN) / CROPS.length;
                real += r / CROPS.length;
                gen += g / CROPS.length;
                if (g < r) lower++;
            }
            System.out.printf(Locale.ROOT, "LaRE mean over %d held-out crops: real %.5f, decoded stand-in %.5f (stand-in lower in %d of %d pairs)%n",
                    CROPS.length, real, gen, lower, CROPS.length);
            System.out.printf(Locale.ROOT, "EGRE head mean p(generated) on the same crops: real %.3f, decoded stand-in %.3f%n", pReal, pGen);
            assertTrue(gen < real, "decoded stand-ins should have the lower LaRE: real " + real + ", decoded " + gen);
            assertTrue(lower >= 6, "stand-in lower in only " + lower + " of " + CROPS.length + " pairs");
        }
    }

    @Test
    void indicatorGivesAnOverlayMapFeaturesAndTheSameResultTwice() throws Exception {
        try (ModelRegistry reg = models()) {
            FloatImage img = TestPhotos.load("lare-chelsea-wide.png");
            IndicatorResult a = new LareIndicator().analyze(img, IndicatorContext.of(reg));
            IndicatorResult b = new LareIndicator().analyze(img, IndicatorContext.of(reg));
            assertEquals("mean_lare", a.headline().key());
            assertEquals(a.headline().value(), b.headline().value(), 0);
            assertArrayEquals(a.features(), b.features());
            assertEquals(LareMap.featureNames(4).size(), a.features().length);
            MapLayer m = a.maps().get(0);
            assertTrue(m.overlay());
            assertEquals(448 / 8, m.map().width());
            assertEquals(288 / 8, m.map().height());
            assertTrue(a.explanation().contains("denoiser"));
            // the shipped EGRE head states no held-out accuracy: its probability is shown, the verdict stays open
            assertEquals(Hypothesis.INCONCLUSIVE, a.supports());
            assertTrue(a.scores().stream().anyMatch(sc -> sc.key().equals("p_generated")));
        }
    }

    @Test
    void oneMeasurementIsSharedPerImageAndModelSet() throws Exception {
        try (ModelRegistry reg = models()) {
            FloatImage img = TestPhotos.load("lare-coffee-wide.png").crop(0, 0, 256, 256);
            IndicatorContext ctx = IndicatorContext.of(reg);
            LareIndicator.Measurement a = LareIndicator.measure(img, ctx);
            assertSame(a, LareIndicator.measure(img, ctx));
            LareIndicator.Measurement c = LareIndicator.measure(img.copy(), ctx);
            assertNotSame(a, c);
            assertArrayEquals(a.map256().values(), c.map256().values());
        }
    }

    @Test
    void missingModelsGiveOneClearMessage() {
        IndicatorException e = assertThrows(IndicatorException.class,
                () -> new LareIndicator().analyze(TestPhotos.load("lare-coffee-wide.png"), IndicatorContext.of(ModelRegistry.empty())));
        assertTrue(e.getMessage().startsWith("LaRE cannot run: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void decodedPatchIsLocalisedWithAllCues() throws Exception {
        try (ModelRegistry reg = models()) {
            Lare lare = Lare.fromRegistry(reg);
            FloatImage base = TestPhotos.load("lare-coffee-wide.png");
            int px = 192, py = 96, s = 160;
            FloatImage spliced = TestPhotos.paste(base, lare.reconstruct(base.crop(px, py, s, s)).quantize8(), px, py);
            IndicatorResult r = new Localization().analyze(spliced, IndicatorContext.of(reg));
            boolean[] found = Regions.outlined(r, base.width(), base.height());
            double iou = Regions.iou(found, TestPhotos.rect(base.width(), base.height(), px, py, s, s));
            // LaRE is no longer fused (it added IoU 0.000 here, issue 10): the fusion finds the patch without it
            assertTrue(r.maps().stream().noneMatch(m -> m.name().equals("Suspicion from LaRE")));
            System.out.printf(Locale.ROOT, "localization IoU coffee, autoencoder-decoded patch %dx%d, fused cues: %.3f (%s)%n",
                    s, s, iou, r.supports());
            assertTrue(iou > IOU_FLOOR_DECODED_PATCH, "IoU " + iou);
        }
    }

    @Test
    void aReducedMapSaysSoAndANativeOneSaysNothing() {
        // 4000 x 3000 needs 192 tiles: reduced until at most MAX_TILES; the text names the working size and the cell
        int[] s = Lare.workingSize(4000, 3000);
        assertTrue(Lare.tileCount(s[0], s[1]) <= Lare.MAX_TILES && s[0] < 4000, s[0] + "x" + s[1]);
        String t = LareIndicator.mapResolution(4000, 3000);
        assertTrue(t.contains("reduced to " + s[0] + "x" + s[1]) && t.contains("at most " + Lare.MAX_TILES + " tiles"), t);
        assertEquals("", LareIndicator.mapResolution(1000, 700)); // 4 x 3 tiles: native resolution
        assertArrayEquals(new int[]{1000, 700}, Lare.workingSize(1000, 700));
    }
}
