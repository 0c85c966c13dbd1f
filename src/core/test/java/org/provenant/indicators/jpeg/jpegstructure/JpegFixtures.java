package org.provenant.indicators.jpeg.jpegstructure;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;

/** JPEGs made in the test with Java ImageIO (IJG tables) at known qualities, and the indicator run on them. */
public final class JpegFixtures {
    private JpegFixtures() { }

    public static BufferedImage sample(String name) {
        try {
            return rgb(ImageIO.read(Path.of("assets/samples", name).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(BufferedImage img, int quality, boolean progressive) {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality / 100f);
        if (progressive) p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bos)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
        return bos.toByteArray();
    }

    public static byte[] jpeg(BufferedImage img, int quality) {
        return jpeg(img, quality, false);
    }

    public static BufferedImage decode(byte[] jpeg) {
        try {
            return rgb(ImageIO.read(new ByteArrayInputStream(jpeg)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain 8-bit RGB copy with a raster of its own (a sub-image shares its parent's). */
    public static BufferedImage rgb(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(img, 0, 0, null);
        return out;
    }

    /** Copies a rectangle of {@code from} into a copy of {@code base}. */
    public static BufferedImage paste(BufferedImage base, BufferedImage from, int x, int y, int w, int h) {
        BufferedImage out = rgb(base);
        for (int j = y; j < y + h; j++) for (int i = x; i < x + w; i++) out.setRGB(i, j, from.getRGB(i, j));
        return out;
    }

    /**
     * For a result that outlines regions on 8-pixel cells: the share of the rectangle's whole cells inside the outline,
     * and the share of the outlined cells that do not touch the rectangle.
     */
    public static double[] coverage(IndicatorResult r, int x, int y, int w, int h) {
        org.provenant.indicators.MapLayer region = r.maps().stream().filter(org.provenant.indicators.MapLayer::outlines)
                .findFirst().orElseThrow();
        int inside = 0, insideHit = 0, drawn = 0, drawnOutside = 0;
        for (int by = 0; by < region.map().height(); by++) {
            for (int bx = 0; bx < region.map().width(); bx++) {
                boolean in = bx * 8 >= x && bx * 8 + 8 <= x + w && by * 8 >= y && by * 8 + 8 <= y + h;
                boolean hit = region.map().get(bx, by) >= region.outlineAt();
                if (in) inside++;
                if (in && hit) insideHit++;
                if (hit) drawn++;
                if (hit && !(bx * 8 + 8 > x && bx * 8 < x + w && by * 8 + 8 > y && by * 8 < y + h)) drawnOutside++;
            }
        }
        return new double[]{insideHit / (double) inside, drawn == 0 ? 1 : drawnOutside / (double) drawn};
    }

    public static IndicatorResult run(byte[] file) throws IndicatorException {
        Evidence ev = Evidence.ofBytes(Path.of("test.jpg"), file);
        BufferedImage img = decodeOrBlank(file);
        return new JpegStructure().analyze(FloatImage.fromBufferedImage(img), IndicatorContext.of(null).withEvidence(ev));
    }

    private static BufferedImage decodeOrBlank(byte[] file) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(file));
            if (img != null) return img;
        } catch (IOException | RuntimeException e) {
            // a damaged file: the indicator reads the bytes, the picture does not matter
        }
        return new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    }

    /** The shared data folder: {@code $PROVENANT_SHARED}, else {@code shared/} beside the repository (or above), or null. */
    public static Path shared() {
        String given = System.getenv("PROVENANT_SHARED");
        if (given != null && Files.isDirectory(Path.of(given))) return Path.of(given);
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared"))) return p.resolve("shared");
        }
        return null;
    }
}
