package org.provenant.core.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.provenant.core.image.FloatImage;

/** Baseline JPEG files made in memory for tests (Java's encoder: YCbCr with 4:2:0 chroma). */
public final class TestJpeg {
    private TestJpeg() { }

    /** The JPEG bytes of an image at a quality in 0..1. */
    public static byte[] encode(BufferedImage img, float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    public static FloatImage decode(byte[] jpeg) throws IOException {
        return FloatImage.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(jpeg)));
    }
}
