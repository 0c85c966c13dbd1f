package org.provenant.indicators.codec.colourcorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.provenant.indicators.features.ChannelCorrelation;
import org.provenant.cli.BenchCommand;
import org.provenant.core.color.YCbCr;
import org.provenant.core.filter.HighPass;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.ml.ModelRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.TestJpeg;
import org.provenant.indicators.verdict.TestCalibrations;

class ColourCorrelationTest {
    private static final IndicatorContext CTX = IndicatorContext.of(ModelRegistry.empty());

    @Test
    void chromaSubsamplingRaisesResidualCorrelation() throws Exception {
        FloatImage original = BenchCommand.photoLike(256, 192, 7);
        FloatImage coded = YCbCr.roundTrip420(original).quantize8();
        double[] fo = ChannelCorrelation.features(original);
        double[] fc = ChannelCorrelation.features(coded);
        int stride = ChannelCorrelation.FEATURE_NAMES.size() / 3;
        for (int p = 0; p < 3; p++) {
            double medO = fo[p * stride + 4], medC = fc[p * stride + 4];
            double globO = fo[p * stride + stride - 1], globC = fc[p * stride + stride - 1];
            assertTrue(medC > medO + 0.2, "pair " + p + ": median block corr " + medC + " vs original " + medO);
            assertTrue(globC > globO + 0.2, "pair " + p + ": global corr " + globC + " vs original " + globO);
        }
        IndicatorResult ro = new ColourCorrelation().analyze(original, CTX);
        IndicatorResult rc = new ColourCorrelation().analyze(coded, CTX);
        assertTrue(rc.headline().value() > ro.headline().value());
        assertTrue(rc.headline().value() > 0.9, "coded headline " + rc.headline().value());
        // no calibration installed: no verdict either way
        assertEquals(Hypothesis.INCONCLUSIVE, ro.supports());
        assertEquals(Hypothesis.INCONCLUSIVE, rc.supports());
        // with a calibration (ln LR = 20 (x - 0.8)) the codec-like image leans to the codec, the original to camera
        // (on independent channel noise: the synthetic photo's periodic texture reads as a pixel block grid, 0.16, so
        // that image gets no verdict at all, as a JPEG would)
        SplittableRandom rnd = new SplittableRandom(11);
        float[][] noise = new float[3][256 * 192];
        for (float[] c : noise) for (int i = 0; i < c.length; i++) c[i] = (float) rnd.nextDouble();
        IndicatorResult oc = new ColourCorrelation().analyze(new FloatImage(256, 192, noise).quantize8(), calibrated());
        assertEquals(Hypothesis.CAMERA_ORIGINAL, oc.supports(), oc.explanation());
        assertEquals(Hypothesis.INCONCLUSIVE, new ColourCorrelation().analyze(original, calibrated()).supports());
        IndicatorResult cc = new ColourCorrelation().analyze(YCbCr.roundTrip420(new FloatImage(256, 192, noise)).quantize8(), calibrated());
        assertEquals(Hypothesis.NEURAL_CODEC, cc.supports(), cc.explanation());
        assertTrue(cc.score("lr_neural_codec").value() > 1);
    }

    private static IndicatorContext calibrated() throws Exception {
        return IndicatorContext.of(TestCalibrations.registry(modelsDir, TestCalibrations.supported(ColourCorrelation.ID,
                "median_block_corr", "neural codec", "lr_neural_codec", 20, -16, 10, 0.1)));
    }

    @TempDir
    static Path modelsDir;

    @Test
    void classicJpegDrawsNoCodecLeanEvenWithACalibration() throws Exception {
        FloatImage original = BenchCommand.photoLike(256, 192, 7).quantize8();
        byte[] bytes = TestJpeg.encode(original.toBufferedImage(), 0.75f);
        FloatImage decoded = TestJpeg.decode(bytes);
        IndicatorResult r = new ColourCorrelation().analyze(decoded,
                calibrated().withEvidence(Evidence.ofBytes(Path.of("p.jpg"), bytes)));
        double before = new ColourCorrelation().analyze(original, CTX).headline().value();
        assertTrue(r.headline().value() > before + 0.3, "JPEG 4:2:0 raises the correlation: " + before + " to " + r.headline().value());
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertTrue(r.explanation().contains("classic JPEG"), r.explanation());
    }

    @Test
    void independentNoiseIsUncorrelatedAndSharedNoiseFullyCorrelated() {
        int w = 128, h = 96;
        SplittableRandom rnd = new SplittableRandom(3);
        float[][] ind = new float[3][w * h];
        float[][] shared = new float[3][w * h];
        for (int i = 0; i < w * h; i++) {
            float s = (float) (0.5 + 0.05 * rnd.nextGaussian());
            for (int c = 0; c < 3; c++) {
                ind[c][i] = (float) (0.5 + 0.05 * rnd.nextGaussian());
                shared[c][i] = c == 1 ? 0.8f * s : s; // G is a scaled copy: correlation exactly 1
            }
        }
        double[] fi = ChannelCorrelation.features(new FloatImage(w, h, ind));
        double[] fs = ChannelCorrelation.features(new FloatImage(w, h, shared));
        for (int k = 0; k < fi.length; k++) {
            String name = ChannelCorrelation.FEATURE_NAMES.get(k);
            if (name.endsWith("_std")) continue;
            assertTrue(Math.abs(fi[k]) < 0.15, name + " of independent noise = " + fi[k]);
            assertEquals(1.0, fs[k], 1e-4, name + " of shared noise");
        }
    }

    @Test
    void blockMapsMatchDirectPearsonOnEachBlock() {
        FloatImage img = BenchCommand.photoLike(100, 70, 11); // 3x2 full 32-blocks, remainder ignored
        FloatMap[] maps = ChannelCorrelation.blockMaps(img, 32);
        assertEquals(3, maps[0].width());
        assertEquals(2, maps[0].height());
        int w = img.width(), h = img.height();
        float[][] res = new float[3][];
        for (int c = 0; c < 3; c++) res[c] = HighPass.residual(img.plane(c), w, h);
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        for (int p = 0; p < 3; p++) {
            for (int by = 0; by < 2; by++) {
                for (int bx = 0; bx < 3; bx++) {
                    double expected = pearson(res[pairs[p][0]], res[pairs[p][1]], w, bx * 32, by * 32, 32);
                    assertEquals(expected, maps[p].get(bx, by), 1e-4);
                }
            }
        }
    }

    @Test
    void greyImageIsRejectedWithAClearMessage() {
        FloatImage grey = BenchCommand.photoLike(64, 64, 1).toGrey();
        IndicatorException e = assertThrows(IndicatorException.class, () -> new ColourCorrelation().analyze(grey, CTX));
        assertTrue(e.getMessage().contains("needs a colour image"), e.getMessage());
    }

    @Test
    void resultHasThreeOverlayMapsAndNamedFeatures() throws Exception {
        IndicatorResult r = new ColourCorrelation().analyze(BenchCommand.photoLike(160, 96, 5), CTX);
        assertEquals(3, r.maps().size());
        assertTrue(r.maps().stream().allMatch(m -> m.overlay() && m.map().width() == 5 && m.map().height() == 3));
        assertEquals(ChannelCorrelation.FEATURE_NAMES.size(), r.features().length);
        assertEquals(24, r.features().length);
        // what the maps show, what a camera original would show, and why no verdict is drawn
        assertEquals(3, r.explanation().split("\\. ").length, r.explanation());
    }

    private static double pearson(float[] a, float[] b, int w, int x0, int y0, int n) {
        double sa = 0, sb = 0;
        for (int y = y0; y < y0 + n; y++) for (int x = x0; x < x0 + n; x++) { sa += a[y * w + x]; sb += b[y * w + x]; }
        double ma = sa / (n * n), mb = sb / (n * n), cov = 0, va = 0, vb = 0;
        for (int y = y0; y < y0 + n; y++) {
            for (int x = x0; x < x0 + n; x++) {
                double da = a[y * w + x] - ma, db = b[y * w + x] - mb;
                cov += da * db;
                va += da * da;
                vb += db * db;
            }
        }
        return cov / Math.sqrt(va * vb);
    }
}
