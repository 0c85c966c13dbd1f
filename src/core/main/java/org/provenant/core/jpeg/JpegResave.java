package org.provenant.core.jpeg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import org.provenant.core.image.FloatImage;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** An in-memory baseline JPEG re-save (the JDK encoder) with a chosen quality and chroma subsampling. */
public final class JpegResave {
    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    private JpegResave() { }

    /** The JPEG bytes of the image at {@code quality} (0..1), chroma 4:2:0 or (when {@code chroma444}) 4:4:4. */
    public static byte[] encode(FloatImage rgb, float quality, boolean chroma444) {
        BufferedImage bi = rgb.toBufferedImage();
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            IIOMetadata md = w.getDefaultImageMetadata(new ImageTypeSpecifier(bi), p);
            if (chroma444) {
                Node root = md.getAsTree(FORMAT);
                NodeList comps = ((Element) root).getElementsByTagName("componentSpec");
                for (int i = 0; i < comps.getLength(); i++) {
                    Element c = (Element) comps.item(i);
                    c.setAttribute("HsamplingFactor", "1");
                    c.setAttribute("VsamplingFactor", "1");
                }
                md.setFromTree(FORMAT, root);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
                w.setOutput(ios);
                w.write(null, new IIOImage(bi, null, md), p);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JPEG failed", e);
        } finally {
            w.dispose();
        }
    }

    /** The image saved as JPEG and decoded again. */
    public static FloatImage resave(FloatImage rgb, float quality, boolean chroma444) {
        try {
            return FloatImage.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(encode(rgb, quality, chroma444))));
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JPEG failed", e);
        }
    }
}
