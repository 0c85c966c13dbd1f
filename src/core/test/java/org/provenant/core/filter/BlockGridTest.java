package org.provenant.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.provenant.core.io.JpegStructure;
import org.provenant.core.io.TestJpeg;

class BlockGridTest {
    /** A smooth random field plus mild noise, as 8-bit RGB. */
    static BufferedImage photoLike(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double a = r.nextDouble() * 6, b = r.nextDouble() * 6;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 128 + 60 * Math.sin(x / 23.0 + a) * Math.cos(y / 17.0 + b) + 20 * Math.sin((x + y) / 7.3) + 6 * (r.nextDouble() - 0.5);
                int g = (int) Math.max(0, Math.min(255, v));
                int rr = (int) Math.max(0, Math.min(255, v * 0.9 + 10));
                img.setRGB(x, y, (rr << 16) | (g << 8) | Math.min(255, g + 15));
            }
        }
        return img;
    }

    static byte[] jpeg(BufferedImage img, float q) throws Exception {
        return TestJpeg.encode(img, q);
    }

    static float[] grey(BufferedImage img, int x0, int y0, int w, int h) {
        float[] g = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x0 + x, y0 + y);
                g[y * w + x] = (((rgb >> 16) & 255) * 0.299f + ((rgb >> 8) & 255) * 0.587f + (rgb & 255) * 0.114f) / 255f;
            }
        }
        return g;
    }

    @Test
    void aJpegGridIsFoundAtItsPhaseAlsoInACropAndNotInTheOriginal() throws Exception {
        BufferedImage src = photoLike(320, 320, 1);
        BlockGrid none = BlockGrid.measure(grey(src, 0, 0, 320, 320), 320, 320);
        assertTrue(none.strength() < 0.05, "no grid in the original: " + none);
        BufferedImage dec = ImageIO.read(new ByteArrayInputStream(jpeg(src, 0.75f)));
        BlockGrid g = BlockGrid.measure(grey(dec, 0, 0, 320, 320), 320, 320);
        assertTrue(g.strength() >= 0.1, "grid " + g);
        assertEquals(7, g.phaseX());
        assertEquals(7, g.phaseY());
        // a crop at (3, 5) moves the block boundary to phases (7 - 3, 7 - 5)
        BlockGrid c = BlockGrid.measure(grey(dec, 3, 5, 300, 300), 300, 300);
        assertTrue(c.strength() >= 0.1, "crop " + c);
        assertEquals(4, c.phaseX());
        assertEquals(2, c.phaseY());
    }

    @Test
    void twofoldUpsamplingIsNotTakenForABlockGrid() {
        BufferedImage src = photoLike(160, 160, 2);
        float[] small = grey(src, 0, 0, 160, 160);
        float[] up = new float[320 * 320];
        for (int y = 0; y < 320; y++) for (int x = 0; x < 320; x++) up[y * 320 + x] = small[(y / 2) * 160 + x / 2];
        BlockGrid g = BlockGrid.measure(up, 320, 320);
        assertTrue(g.strength() < 0.05, "2x pixel repetition: " + g);
    }

    @Test
    void flatOrTinyImagesHaveNoDefinedStrength() {
        assertTrue(Double.isNaN(BlockGrid.measure(new float[64 * 64], 64, 64).strength()));
        assertTrue(Double.isNaN(BlockGrid.measure(new float[10 * 10], 10, 10).strength()));
    }

    @Test
    void jpegHeadersGiveChromaSubsamplingAndTheLumaStep() throws Exception {
        byte[] j = jpeg(photoLike(64, 64, 3), 0.5f);
        JpegStructure s = JpegStructure.parse(ByteBuffer.wrap(j)).orElseThrow();
        assertEquals("4:2:0", s.chroma());
        assertTrue(s.subsampledChroma());
        assertTrue(s.meanLumaStep() > 20 && s.meanLumaStep() < 80, "quality 50 luma step " + s.meanLumaStep());
        JpegStructure hq = JpegStructure.parse(ByteBuffer.wrap(jpeg(photoLike(64, 64, 3), 1f))).orElseThrow();
        assertEquals(1, hq.meanLumaStep(), 1e-9);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(photoLike(16, 16, 4), "png", png);
        assertTrue(JpegStructure.parse(ByteBuffer.wrap(png.toByteArray())).isEmpty());
    }
}
