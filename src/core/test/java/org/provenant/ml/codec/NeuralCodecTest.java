package org.provenant.ml.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

class NeuralCodecTest {
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
    void shipsFourRatePointsFromStrongToMild() {
        assertEquals(List.of("q1", "q2", "q3", "q4"), NeuralCodec.ratePoints(registry, NeuralCodec.DEFAULT_CODEC));
    }

    @Test
    void latentShapesFollowTheDownsamplingAndPadding() throws ModelException {
        NeuralCodec c = NeuralCodec.shared(registry, NeuralCodec.DEFAULT_CODEC, "q2");
        FloatImage img = CodecFixtures.photo("coffee-1").crop(0, 0, 200, 130); // padded to 256 x 192
        Latents y = c.encode(img);
        assertEquals(256 / 16, y.width());
        assertEquals(192 / 16, y.height());
        FloatImage out = c.decode(y.rounded(), 200, 130);
        assertEquals(200, out.width());
        assertEquals(130, out.height());
        assertEquals(3, out.channels());
    }

    @Test
    void roundTripKeepsQualityAndRateGrowsWithTheRatePoint() throws ModelException {
        double prevBpp = 0;
        for (String q : NeuralCodec.ratePoints(registry, NeuralCodec.DEFAULT_CODEC)) {
            NeuralCodec c = NeuralCodec.shared(registry, NeuralCodec.DEFAULT_CODEC, q);
            double bpp = 0, psnr = 0;
            for (FloatImage p : CodecFixtures.photos()) {
                NeuralCodec.Compression r = c.compress(p);
                bpp += r.bpp() / CodecFixtures.PHOTOS.size();
                psnr += r.psnr() / CodecFixtures.PHOTOS.size();
            }
            // floors measured on the shipped models (see models/README.md), with a margin
            assertTrue(psnr > 20, q + ": mean PSNR " + psnr);
            System.out.printf(java.util.Locale.ROOT, "%s: mean %.3f bpp, %.2f dB on the held-out crops%n", q, bpp, psnr);
            assertTrue(bpp > prevBpp, q + ": mean bpp " + bpp + " not above the stronger rate point's " + prevBpp);
            assertTrue(bpp < 2.5, q + ": mean bpp " + bpp);
            prevBpp = bpp;
        }
    }

    @Test
    void aSecondCompressionLosesMoreQuality() throws ModelException {
        // arXiv 2504.03191: a neural codec keeps losing quality when it recompresses its own output
        for (String q : List.of("q1", "q4")) {
            NeuralCodec c = NeuralCodec.shared(registry, NeuralCodec.DEFAULT_CODEC, q);
            double meanDrop = 0;
            for (FloatImage p : CodecFixtures.photos()) {
                FloatImage once = c.compress(p).decoded();
                FloatImage twice = c.compress(once).decoded();
                double p1 = NeuralCodec.psnr(p, once), p2 = NeuralCodec.psnr(p, twice);
                assertTrue(p2 < p1 - 0.01, q + ": PSNR once " + p1 + ", twice " + p2);
                meanDrop += (p1 - p2) / CodecFixtures.PHOTOS.size();
            }
            System.out.printf(java.util.Locale.ROOT, "%s: second compression costs %.3f dB on average%n", q, meanDrop);
            assertTrue(meanDrop > 0.03, q + ": mean PSNR drop " + meanDrop);
        }
    }

    @Test
    void tamperedOrMissingModelsAreRefusedWithOneClearLine(@TempDir Path dir) throws Exception {
        Path models = dir.resolve("models");
        Files.createDirectories(models.resolve("codec"));
        Files.copy(Path.of("models", ModelRegistry.MANIFEST), models.resolve(ModelRegistry.MANIFEST));
        for (String part : NeuralCodec.PARTS) {
            String f = "codec/hp-q1-" + part + ".onnx";
            Files.copy(Path.of("models", f), models.resolve(f));
        }
        byte[] bytes = Files.readAllBytes(models.resolve("codec/hp-q1-synthesis.onnx"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(models.resolve("codec/hp-q1-synthesis.onnx"), bytes);
        try (ModelRegistry tampered = ModelRegistry.load(models)) {
            ModelException e = assertThrows(ModelException.class,
                    () -> NeuralCodec.load(tampered, NeuralCodec.DEFAULT_CODEC, "q1"));
            assertTrue(e.getMessage().contains("integrity") && e.getMessage().contains("hp-q1-synthesis.onnx"),
                    e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            // q2's files were never copied: missing, not tampered
            ModelException m = assertThrows(ModelException.class,
                    () -> NeuralCodec.load(tampered, NeuralCodec.DEFAULT_CODEC, "q2"));
            assertTrue(m.getMessage().contains("missing"), m.getMessage());
        }
    }

    @Test
    void psnrOfIdenticalAndShiftedImages() {
        FloatImage a = CodecFixtures.photo("rocket-1");
        assertEquals(Double.POSITIVE_INFINITY, NeuralCodec.psnr(a, a));
        FloatImage b = a.copy();
        for (int c = 0; c < 3; c++) {
            float[] p = b.plane(c);
            for (int i = 0; i < p.length; i++) p[i] += 0.01f;
        }
        assertEquals(40.0, NeuralCodec.psnr(a, b), 1e-3);
    }
}
