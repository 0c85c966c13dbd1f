package org.provenant.ml.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/** JPEG AI (VM networks plus our glue) on a real held-out photo: rate and quality at each rate point. */
class JpegAiCodecTest {
    static ModelRegistry registry;

    @BeforeAll
    static void open() throws ModelException {
        registry = ModelRegistry.load(Path.of("models"));
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void threeRatePointsFromStrongToMild() {
        assertEquals(List.of("q1", "q2", "q3"), JpegAiCodec.ratePoints(registry));
    }

    @Test
    void ratePointsGiveRisingRateAndQualityOnARealPhoto() throws ModelException {
        // two held-out photo crops side by side: 512 x 256, padded into one 1024 x 1024 tile
        FloatImage a = CodecFixtures.photo("coffee-1"), b = CodecFixtures.photo("chelsea-1");
        FloatImage photo = sideBySide(a, b);
        double lastBpp = 0, lastPsnr = 0;
        for (JpegAiCodec c : JpegAiCodec.sharedAll(registry)) {
            long t0 = System.nanoTime();
            ImageCodec.Compression r = c.compress(photo);
            System.out.printf(Locale.ROOT, "jpeg-ai %s (step %.2f): %.3f bpp, %.2f dB, %.2f s%n", c.ratePoint(), c.step(),
                    r.bpp(), r.psnr(), (System.nanoTime() - t0) / 1e9);
            assertEquals(photo.width(), r.decoded().width());
            assertEquals(photo.height(), r.decoded().height());
            assertTrue(r.bpp() > lastBpp && r.psnr() > lastPsnr, c + ": " + r.bpp() + " bpp, " + r.psnr() + " dB");
            lastBpp = r.bpp();
            lastPsnr = r.psnr();
        }
    }

    @Test
    void paddingTo128GivesTheQualityOfTheFull1024Tile() throws ModelException {
        FloatImage photo = sideBySide(CodecFixtures.photo("rocket-1"), CodecFixtures.photo("coffee-2"));
        for (JpegAiCodec c : JpegAiCodec.sharedAll(registry)) {
            long t0 = System.nanoTime();
            ImageCodec.Compression small = c.compress(photo);
            long t1 = System.nanoTime();
            ImageCodec.Compression full = c.withPadding(JpegAiCodec.TILE).compress(photo);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s pad 128: %.4f bpp %.2f dB %.2f s | pad 1024: %.4f bpp %.2f dB %.2f s%n",
                    c.ratePoint(), small.bpp(), small.psnr(), (t1 - t0) / 1e9, full.bpp(), full.psnr(), (t2 - t1) / 1e9);
            assertEquals(full.psnr(), small.psnr(), 0.3, c.ratePoint());
            assertEquals(full.bpp(), small.bpp(), 0.1 * full.bpp(), c.ratePoint());
        }
    }

    @Test
    void ourChromaResamplingIsTheBestMeasured() throws ModelException {
        // choices the graphs leave open: 4:2:0 down (2x2 mean / top-left sample) and up (bilinear / nearest)
        FloatImage photo = sideBySide(CodecFixtures.photo("chelsea-2"), CodecFixtures.photo("rocket-1"));
        JpegAiCodec c = JpegAiCodec.shared(registry, "q2");
        double ours = 0;
        for (boolean mean : new boolean[] {true, false})
            for (boolean bilinear : new boolean[] {true, false}) {
                ImageCodec.Compression r = c.withChroma(mean, bilinear).compress(photo);
                System.out.printf(Locale.ROOT, "q2 chroma down %s, up %s: %.4f bpp, %.3f dB%n", mean ? "2x2 mean" : "sample",
                        bilinear ? "bilinear" : "nearest", r.bpp(), r.psnr());
                if (mean && bilinear) ours = r.psnr();
                else assertTrue(r.psnr() <= ours + 0.05, "an alternative beats ours: " + r.psnr() + " vs " + ours);
            }
    }

    @Test
    void anOutputReEncodesNearerItsQuantizationGridThanTheOriginal() throws ModelException {
        // the premise of the latent-quantization cue, on JPEG AI's grid (y - mu) / step
        for (String name : List.of("coffee-1", "rocket-2")) {
            FloatImage x = CodecFixtures.photo(name);
            for (JpegAiCodec c : JpegAiCodec.sharedAll(registry)) {
                double orig = meanResidual(c.gridLatents(x)), coded = meanResidual(c.gridLatents(c.compress(x).decoded()));
                System.out.printf(Locale.ROOT, "%s %s: mean |r| original %.3f, JPEG AI output %.3f%n", name, c.ratePoint(), orig, coded);
                assertTrue(coded < orig - 0.01, name + " " + c.ratePoint() + ": " + coded + " vs " + orig);
            }
        }
    }

    /** Mean |v - round(v)| over the latents off the mean (|v| >= 0.5), 0.25 for evenly spread residuals. */
    static double meanResidual(Latents g) {
        double s = 0;
        int n = 0;
        for (float v : g.data()) if (Math.abs(v) >= 0.5) {
            s += Math.abs(v - Math.rint(v));
            n++;
        }
        return s / n;
    }

    static FloatImage sideBySide(FloatImage a, FloatImage b) {
        int w = a.width() + b.width(), h = Math.min(a.height(), b.height());
        float[][] p = new float[3][w * h];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++) {
                System.arraycopy(a.plane(c), y * a.width(), p[c], y * w, a.width());
                System.arraycopy(b.plane(c), y * b.width(), p[c], y * w + a.width(), b.width());
            }
        return new FloatImage(w, h, p);
    }
}
