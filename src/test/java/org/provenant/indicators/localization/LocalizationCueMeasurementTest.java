package org.provenant.indicators.localization;

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

/**
 * Prints, per cue and fused with and without the latent-quantization cue, the suspicious area and IoU on the held-out
 * photos untouched and with spliced patches (autoencoder-decoded, codec-like, and through the neural codec's middle
 * rate point), and the largest robust z of the latent-quantization cue inside and outside the patch: the figures
 * behind {@link Localization#LQ_Z_HALF}. Asserts that the committed scale keeps every untouched tile below it and that
 * a codec-compressed patch on chelsea still exceeds it.
 */
class LocalizationCueMeasurementTest {
    /** Largest latent-quantization z inside and outside the patch (NaN inside when there is no patch). */
    record LqZ(double in, double out) { }

    static LqZ report(String label, FloatImage img, int[] rect, ModelRegistry reg) {
        List<String> skipped = new ArrayList<>();
        List<Localization.Cue> cues = Localization.cues(img, IndicatorContext.of(reg), skipped);
        int gw = img.width() / Localization.TILE, gh = img.height() / Localization.TILE;
        boolean[] truth = rect == null ? null : TestPhotos.rect(img.width(), img.height(), rect[0], rect[1], rect[2], rect[3]);
        StringBuilder sb = new StringBuilder(label + ":");
        LqZ lq = null;
        for (Localization.Cue c : cues) {
            sb.append(String.format(Locale.ROOT, " [%s %s%s]", c.name(), stats(c.suspicion(), img, truth),
                    c.name().equals("latent quantization") ? zInOut(c, rect) : ""));
            if (c.name().equals("latent quantization")) lq = zMax(c, rect);
        }
        List<Localization.Cue> noLq = new ArrayList<>(cues);
        noLq.removeIf(c -> c.name().equals("latent quantization"));
        sb.append(String.format(Locale.ROOT, " FUSED all %s; without latent quantization %s",
                stats(Localization.fuse(cues, gw, gh).fused(), img, truth), stats(Localization.fuse(noLq, gw, gh).fused(), img, truth)));
        System.out.println(sb);
        if (lq == null) throw new AssertionError(label + ": no latent-quantization cue " + skipped);
        return lq;
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

    static String stats(org.provenant.core.image.FloatMap m, FloatImage img, boolean[] truth) {
        boolean[] mask = Regions.mask(m, Localization.DEFAULT_THRESHOLD, img.width(), img.height());
        int n = 0;
        for (boolean b : mask) if (b) n++;
        double area = n / (double) mask.length;
        return String.format(Locale.ROOT, "area %.3f peak %.2f%s", area, m.max(),
                truth == null ? "" : String.format(Locale.ROOT, " IoU %.3f", Regions.iou(mask, truth)));
    }

    @Test
    void latentQuantizationScaleSitsAboveUntouchedPhotosAndBelowACodecPatch() throws Exception {
        try (ModelRegistry reg = ModelRegistry.load(Path.of("models"))) {
            Lare lare = Lare.fromRegistry(reg);
            List<ImageCodec> codecs = ImageCodec.sharedAll(reg, NeuralCodec.DEFAULT_CODEC);
            ImageCodec mid = codecs.get(codecs.size() / 2);
            for (String p : new String[]{"lare-coffee-wide.png", "lare-chelsea-wide.png"}) {
                FloatImage base = TestPhotos.load(p);
                LqZ untouched = report("untouched " + p, base, null, reg);
                assertTrue(untouched.out() < Localization.LQ_Z_HALF, p + " untouched reaches z " + untouched.out());
                int px = p.contains("coffee") ? 192 : 64, py = p.contains("coffee") ? 96 : 64, s = p.contains("coffee") ? 160 : 128;
                int[] r = {px, py, s, s};
                report("AE-decoded patch " + p, TestPhotos.paste(base, lare.reconstruct(base.crop(px, py, s, s)).quantize8(), px, py), r, reg);
                report("codec-like patch " + p, TestPhotos.paste(base, LocalizationTest.codecLike(base.crop(px, py, s, s)), px, py), r, reg);
                FloatImage whole = mid.compress(base).decoded();
                report("codec " + mid.ratePoint() + " patch (grid-aligned, from whole-image compression) " + p,
                        TestPhotos.paste(base, whole.crop(px, py, s, s), px, py), r, reg);
                LqZ alone = report("codec " + mid.ratePoint() + " patch (compressed alone, pasted at (" + px + "," + py + ")) " + p,
                        TestPhotos.paste(base, mid.compress(base.crop(px, py, s, s)).decoded(), px, py), r, reg);
                if (p.contains("chelsea")) assertTrue(alone.in() > Localization.LQ_Z_HALF, "codec patch on chelsea: z " + alone.in());
            }
        }
    }
}
