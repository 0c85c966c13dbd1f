package org.provenant.indicators.pixel.localization;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.IndicatorContext;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.codec.NeuralCodec;
import org.provenant.ml.lare.Lare;
import org.provenant.indicators.features.Regions;

/**
 * Why latent quantization is no longer fused (issue 10, part 7: each fused cue adds something or is removed): on the
 * held-out photos untouched and with spliced patches (autoencoder-decoded, codec-like, and through the neural codec's
 * middle rate point, the codec the cue's scale was measured with), prints the fine-detail ratio alone and fused with
 * the latent-quantization cue as it was fused (the hp codec's middle rate point, z at half suspicion 4.5), and the
 * cue's largest robust z inside and outside the patch. Measured: the fused area, peak and IoU were the same with and
 * without it in all ten cases; the only patches it found alone (IoU 0.250 and 0.125, codec patches on chelsea) lie
 * inside the detail ratio's regions. Asserts that it adds no more than one tile of IoU anywhere and that the
 * indicator fuses the detail ratio only.
 */
class LocalizationCueMeasurementTest {
    /** Largest latent-quantization z inside and outside the patch (NaN inside when there is no patch). */
    record LqZ(double in, double out) { }

    /** IoU gained by fusing latent quantization with the detail ratio (the case's IoU without it printed beside). */
    static double gain(String label, FloatImage img, int[] rect, ImageCodec codec, ModelRegistry reg) throws Exception {
        List<String> skipped = new ArrayList<>();
        List<Localization.Cue> detail = Localization.cues(img, IndicatorContext.of(reg), skipped);
        Localization.Cue lq = AblationCues.latentQuantization(img, codec);
        List<Localization.Cue> both = new ArrayList<>(detail);
        both.add(lq);
        int gw = img.width() / Localization.TILE, gh = img.height() / Localization.TILE;
        boolean[] truth = rect == null ? new boolean[img.pixels()]
                : TestPhotos.rect(img.width(), img.height(), rect[0], rect[1], rect[2], rect[3]);
        double[] without = stats(Localization.fuse(detail, gw, gh).fused(), img, truth);
        double[] with = stats(Localization.fuse(both, gw, gh).fused(), img, truth);
        double[] alone = stats(Localization.fuse(List.of(lq), gw, gh).fused(), img, truth);
        System.out.printf(Locale.ROOT, "%s: detail ratio area %.3f IoU %.3f; latent quantization alone area %.3f IoU %.3f%s;"
                        + " fused with it area %.3f IoU %.3f%n", label, without[0], without[1], alone[0], alone[1],
                zInOut(lq, rect), with[0], with[1]);
        if (rect == null) return with[0] - without[0]; // untouched: any added area is a false region
        return with[1] - without[1];
    }
    /** Largest robust z (smoothed, higher direction) of the cue inside and outside the patch's tiles. */
    static String zInOut(Localization.Cue c, int[] rect) {
        LqZ z = zMax(c, rect);
        return String.format(Locale.ROOT, " zmax in %.2f out %.2f", z.in(), z.out());
    }

    static LqZ zMax(Localization.Cue c, int[] rect) {
        org.provenant.core.image.FloatMap z = Localization.robustZ(Localization.smooth(c.raw()));
        double in = Double.NaN, out = Double.NaN;
        for (int y = 0; y < z.height(); y++) for (int x = 0; x < z.width(); x++) {
            float v = z.get(x, y);
            if (!Float.isFinite(v)) continue;
            int cx = x * Localization.TILE + Localization.TILE / 2, cy = y * Localization.TILE + Localization.TILE / 2;
            boolean inside = rect != null && cx >= rect[0] && cx < rect[0] + rect[2] && cy >= rect[1] && cy < rect[1] + rect[3];
            if (inside) in = Double.isNaN(in) ? v : Math.max(in, v); else out = Double.isNaN(out) ? v : Math.max(out, v);
        }
        return new LqZ(in, out);
    }

    /** Area at or above the threshold and its IoU with the truth mask. */
    static double[] stats(org.provenant.core.image.FloatMap m, FloatImage img, boolean[] truth) {
        boolean[] mask = Regions.mask(m, Localization.DEFAULT_THRESHOLD, img.width(), img.height());
        int n = 0;
        for (boolean b : mask) if (b) n++;
        return new double[]{n / (double) mask.length, Regions.iou(mask, truth)};
    }

    @Test
    void latentQuantizationAddsNothingToTheFusionAndIsNotFused() throws Exception {
        try (ModelRegistry reg = ModelRegistry.load(Path.of("models"))) {
            Lare lare = Lare.fromRegistry(reg);
            List<ImageCodec> codecs = ImageCodec.sharedAll(reg, NeuralCodec.DEFAULT_CODEC);
            ImageCodec mid = codecs.get(codecs.size() / 2);
            double tile = 0.03; // one 32-px tile of a 128-160 px patch moves the IoU by 0.03-0.05
            for (String p : new String[]{"lare-coffee-wide.png", "lare-chelsea-wide.png"}) {
                FloatImage base = TestPhotos.load(p);
                assertTrue(gain("untouched " + p, base, null, mid, reg) <= 0.0, p + ": latent quantization added area to an untouched photo");
                int px = p.contains("coffee") ? 192 : 64, py = p.contains("coffee") ? 96 : 64, s = p.contains("coffee") ? 160 : 128;
                int[] r = {px, py, s, s};
                FloatImage whole = mid.compress(base).decoded();
                FloatImage[] spliced = {
                    TestPhotos.paste(base, lare.reconstruct(base.crop(px, py, s, s)).quantize8(), px, py),
                    TestPhotos.paste(base, LocalizationTest.codecLike(base.crop(px, py, s, s)), px, py),
                    TestPhotos.paste(base, whole.crop(px, py, s, s), px, py),
                    TestPhotos.paste(base, mid.compress(base.crop(px, py, s, s)).decoded(), px, py)};
                String[] labels = {"AE-decoded patch ", "codec-like patch ", "codec " + mid.ratePoint() + " patch (grid-aligned) ",
                    "codec " + mid.ratePoint() + " patch (compressed alone) "};
                for (int i = 0; i < spliced.length; i++) {
                    double g = gain(labels[i] + p, spliced[i], r, mid, reg);
                    assertTrue(g <= tile, labels[i] + p + ": latent quantization added IoU " + g);
                }
            }
            List<String> names = new ArrayList<>();
            for (Localization.Cue c : Localization.cues(TestPhotos.load("lare-chelsea-wide.png"), IndicatorContext.of(reg), new ArrayList<>())) {
                names.add(c.name());
            }
            org.junit.jupiter.api.Assertions.assertEquals(List.of("fine-detail ratio"), names, "fused cues with the shipped models");
        }
    }
}
