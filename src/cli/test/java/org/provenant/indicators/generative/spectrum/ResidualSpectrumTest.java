package org.provenant.indicators.generative.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.TestJpeg;
import org.provenant.indicators.verdict.JpegTrace;
import org.provenant.indicators.verdict.TestCalibrations;
import org.provenant.cli.BenchCommand;
import org.provenant.core.color.YCbCr;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Marker;
import org.provenant.ml.ModelRegistry;

class ResidualSpectrumTest {
    private static final IndicatorContext CTX = IndicatorContext.of(ModelRegistry.empty());
    /** ln LR = 0.5 peak_db - 3: a test calibration (verdict at LR 10, camera original at LR 0.2 and below). */
    private static IndicatorContext CALIBRATED;

    @TempDir
    static Path modelsDir;

    @BeforeAll
    static void calibration() throws Exception {
        CALIBRATED = IndicatorContext.of(TestCalibrations.registry(modelsDir, TestCalibrations.supported(ResidualSpectrum.ID,
                "peak_db", "generated", "lr_generated", 0.5, -3, 10, 0.2)));
    }
    private static final int N = 768;

    private static float[] noise(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[w * h];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble();
        return a;
    }

    private static IndicatorResult analyze(float[] grey, int w, int h) throws IndicatorException {
        return new ResidualSpectrum().analyze(new FloatImage(w, h, new float[][]{grey}), CTX);
    }

    @Test
    void plainNoiseHasNoGridPeak() throws Exception {
        IndicatorResult r = analyze(noise(N, N, 1), N, N);
        assertTrue(r.headline().value() < 3, "peak " + r.headline().value());
        // no calibration installed: no verdict, no likelihood ratio
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertTrue(r.scores().stream().noneMatch(s -> s.key().startsWith("lr_")));
        assertEquals(Hypothesis.CAMERA_ORIGINAL, new ResidualSpectrum().analyze(new FloatImage(N, N, new float[][]{noise(N, N, 1)}), CALIBRATED).supports());
        // a single tile (no averaging): the threshold rises so that bin scatter is not taken for a peak
        for (long seed = 10; seed < 20; seed++) {
            IndicatorResult one = analyze(noise(256, 256, seed), 256, 256);
            assertEquals(1, one.score("tiles").value());
            assertTrue(one.headline().value() < ResidualSpectrum.thresholdDb(1), "seed " + seed + " peak " + one.headline().value());
        }
        assertTrue(r.maps().stream().allMatch(m -> m.markers().isEmpty()));
    }

    @Test
    void twiceUpsampledNoiseShowsTheHalfFrequencyPeak() throws Exception {
        float[] small = noise(N / 2, N / 2, 2);
        // centre-aligned bilinear, as a codec's chroma up-sampling or a generator's resize would do
        float[] bilinear = YCbCr.upsample2(small, N / 2, N / 2, N, N);
        // nearest neighbour (pixel repetition)
        float[] nearest = new float[N * N];
        for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) nearest[y * N + x] = small[(y / 2) * (N / 2) + x / 2];
        for (float[] up : new float[][]{bilinear, nearest}) {
            IndicatorResult r = analyze(up, N, N);
            double n2 = r.score("energy_n2_db").value();
            assertTrue(n2 > ResidualSpectrum.PEAK_THRESHOLD_DB + 10, "N/2 peak " + n2);
            assertEquals(n2, r.headline().value(), 1e-9);
            assertTrue(r.score("energy_n8_db").value() < ResidualSpectrum.PEAK_THRESHOLD_DB);
            assertEquals(Hypothesis.INCONCLUSIVE, r.supports(), "no calibration, no verdict");
            IndicatorResult c = new ResidualSpectrum().analyze(new FloatImage(N, N, new float[][]{up}), CALIBRATED);
            assertEquals(Hypothesis.GENERATED, c.supports());
            assertEquals(Math.exp(0.5 * n2 - 3), c.score("lr_generated").value(), 1e-6 * Math.exp(0.5 * n2 - 3));
            MapLayer energy = r.maps().get(1);
            assertFalse(energy.overlay());
            assertEquals(256, energy.map().width());
            // markers at the centred N/2 positions: column 0 (x = 0.5) on the centre row, and row 0 on the centre column
            boolean horizontal = false;
            for (Marker m : energy.markers()) horizontal |= m.x() == 0.5 && m.y() == 128.5;
            assertTrue(horizontal, "markers " + energy.markers());
        }
    }

    @Test
    void photoLikeImageOnlyPeaksAfterUpsampling() throws Exception {
        FloatImage photo = BenchCommand.photoLike(1024, 768, 3);
        assertTrue(new ResidualSpectrum().analyze(photo, CTX).headline().value() < ResidualSpectrum.PEAK_THRESHOLD_DB);
        FloatImage small = BenchCommand.photoLike(512, 384, 3);
        float[][] up = new float[3][];
        for (int c = 0; c < 3; c++) up[c] = YCbCr.upsample2(small.plane(c), 512, 384, 1024, 768);
        IndicatorResult r = new ResidualSpectrum().analyze(new FloatImage(1024, 768, up).quantize8(), CTX);
        assertTrue(r.headline().value() > ResidualSpectrum.PEAK_THRESHOLD_DB + 10, "peak " + r.headline().value());
    }

    @Test
    void aJpegGridIsReportedAsTheN8FamilyAndNeverReadAsUpsampling() throws Exception {
        FloatImage photo = BenchCommand.photoLike(512, 512, 5).quantize8();
        byte[] bytes = TestJpeg.encode(photo.toBufferedImage(), 0.75f);
        FloatImage decoded = TestJpeg.decode(bytes);
        // from the file: the evidence is a JPEG
        IndicatorResult fromFile = new ResidualSpectrum().analyze(decoded,
                CALIBRATED.withEvidence(Evidence.ofBytes(Path.of("photo.jpg"), bytes)));
        assertEquals(1, fromFile.score("jpeg_file").value());
        // from the pixels only: the same decoded pixels without the file, cropped off the grid (as a PNG crop would be)
        FloatImage crop = decoded.crop(3, 5, 480, 480);
        IndicatorResult fromPixels = new ResidualSpectrum().analyze(crop, CALIBRATED);
        assertEquals(0, fromPixels.score("jpeg_file").value());
        assertTrue(fromPixels.score("jpeg_grid").value() >= JpegTrace.GRID_STRENGTH, "grid " + fromPixels.score("jpeg_grid").value());
        for (IndicatorResult r : List.of(fromFile, fromPixels)) {
            assertTrue(Double.isNaN(r.headline().value()), "headline excludes the N/8 family: " + r.headline().value());
            assertTrue(Double.isFinite(r.score("jpeg_family_peak_db").value()));
            assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
            assertTrue(r.explanation().contains("JPEG family"), r.explanation());
        }
        // the same picture never JPEG-compressed keeps its headline
        IndicatorResult clean = new ResidualSpectrum().analyze(photo, CALIBRATED);
        assertEquals(0, clean.score("jpeg_grid").value(), 0.05);
        assertTrue(Double.isFinite(clean.headline().value()));
    }

    @Test
    void tinyImageIsInconclusiveWithTheReason() throws Exception {
        IndicatorResult r = analyze(noise(40, 40, 3), 40, 40);
        assertEquals(Hypothesis.INCONCLUSIVE, r.supports());
        assertTrue(r.explanation().startsWith(org.provenant.indicators.ContentCheck.PREFIX), r.explanation());
        assertTrue(Double.isNaN(r.headline().value()));
    }
}
