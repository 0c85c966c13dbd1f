package org.provenant.indicators.pixel.localization;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;

class BlockGridCueTest {
    static FloatImage jpeg(FloatImage img, float quality) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.setOutput(ImageIO.createImageOutputStream(out));
        BufferedImage b = img.toBufferedImage();
        w.write(null, new IIOImage(b, null, null), p);
        w.dispose();
        return FloatImage.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(out.toByteArray()))).toGrey();
    }

    @Test
    void compressedContentShowsTheGridAndAShiftedPasteShowsItsOwn() throws Exception {
        FloatImage tex = DuplicatePatchesTest.texture(256, 256, 3);
        FloatImage compressed = jpeg(tex, 0.3f);
        float[] p = compressed.plane(0), q = jpeg(DuplicatePatchesTest.texture(256, 256, 4), 0.3f).plane(0);
        // paste a 64 x 64 piece of another compressed picture 3 pixels off the grid at (131, 131)
        for (int y = 0; y < 64; y++) System.arraycopy(q, (16 + y) * 256 + 16, p, (131 + y) * 256 + 131, 64);
        // and a never-compressed piece at (24, 152)
        float[] raw = tex.plane(0);
        for (int y = 0; y < 64; y++) System.arraycopy(raw, (152 + y) * 256 + 24, p, (152 + y) * 256 + 24, 64);
        FloatMap[] g = BlockGridCue.measure(compressed, CellGrid.of(256, 256));
        double alignedBackground = g[0].get(6, 2), alignedRaw = g[0].get(6, 22), shiftedPaste = g[1].get(20, 20),
                shiftedBackground = g[1].get(6, 2);
        System.out.printf(Locale.ROOT, "aligned: background %.2f, raw paste %.2f; shifted: paste %.2f, background %.2f%n",
                alignedBackground, alignedRaw, shiftedPaste, shiftedBackground);
        assertTrue(alignedBackground > alignedRaw + 0.1, alignedBackground + " " + alignedRaw);
        assertTrue(shiftedPaste > shiftedBackground + 0.1, shiftedPaste + " " + shiftedBackground);
    }
}
