package org.provenant.indicators.pixel.pixelkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.provenant.core.image.FloatImage;

/**
 * Edits made in the tests themselves on real photos (assets/samples: NASA public domain and CC0 photographs from
 * Debian's python3-skimage; see assets/samples/README.md): real JPEG saves through ImageIO, pasted patches, copies
 * within the image with rotation and scale, added noise; each with its known mask.
 */
public final class Edits {
    private Edits() { }

    public static FloatImage sample(String name) {
        Path p = Path.of("assets/samples", name);
        try {
            return FloatImage.fromBufferedImage(ImageIO.read(Files.newInputStream(p)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves as a real baseline JPEG at {@code quality} (ImageIO, 4:2:0) and decodes it again. */
    public static FloatImage jpeg(FloatImage img, int quality) {
        try {
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality / 100f);
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (var out = ImageIO.createImageOutputStream(bos)) {
                w.setOutput(out);
                w.write(null, new IIOImage(img.toBufferedImage(), null, null), p);
            }
            w.dispose();
            return FloatImage.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(bos.toByteArray())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of base with the rectangle (x, y, w, h) taken from src at (sxo, syo). */
    public static FloatImage paste(FloatImage base, FloatImage src, int sxo, int syo, int x, int y, int w, int h) {
        FloatImage out = base.copy();
        for (int c = 0; c < base.channels(); c++) {
            for (int r = 0; r < h; r++) {
                for (int k = 0; k < w; k++) {
                    out.plane(c)[(y + r) * base.width() + x + k] = src.plane(Math.min(c, src.channels() - 1))[(syo + r) * src.width() + sxo + k];
                }
            }
        }
        return out;
    }

    /**
     * A copy of img where the disc-free square (x, y, size) is replaced by the square around (sx, sy) of the same
     * image, rotated by {@code degrees} and scaled by {@code scale} about its centre (bilinear).
     */
    public static FloatImage cloneRegion(FloatImage img, int sx, int sy, int x, int y, int size, double degrees, double scale) {
        FloatImage out = img.copy();
        double a = Math.toRadians(degrees), cos = Math.cos(a) / scale, sin = Math.sin(a) / scale;
        double scx = sx + size / 2.0, scy = sy + size / 2.0, dcx = x + size / 2.0, dcy = y + size / 2.0;
        for (int r = 0; r < size; r++) {
            for (int k = 0; k < size; k++) {
                double u = x + k + 0.5 - dcx, v = y + r + 0.5 - dcy;
                double px = scx + cos * u + sin * v - 0.5, py = scy - sin * u + cos * v - 0.5;
                int x0 = (int) Math.floor(px), y0 = (int) Math.floor(py);
                double fx = px - x0, fy = py - y0;
                for (int c = 0; c < img.channels(); c++) {
                    float[] p = img.plane(c);
                    double val = p[y0 * img.width() + x0] * (1 - fx) * (1 - fy) + p[y0 * img.width() + x0 + 1] * fx * (1 - fy)
                            + p[(y0 + 1) * img.width() + x0] * (1 - fx) * fy + p[(y0 + 1) * img.width() + x0 + 1] * fx * fy;
                    out.plane(c)[(y + r) * img.width() + x + k] = Math.round(val * 255) / 255f;
                }
            }
        }
        return out;
    }

    /** Copies the w x h rectangle at (sx, sy) to (x, y), pixel for pixel (a plain translated clone). */
    public static FloatImage cloneRect(FloatImage img, int sx, int sy, int x, int y, int w, int h) {
        FloatImage out = img.copy();
        for (int c = 0; c < img.channels(); c++) {
            float[] p = img.plane(c), q = out.plane(c);
            for (int r = 0; r < h; r++) System.arraycopy(p, (sy + r) * img.width() + sx, q, (y + r) * img.width() + x, w);
        }
        return out;
    }

    /** Adds Gaussian noise of sigma (8-bit levels) inside the rectangle (whole image when w = 0), rounded to 8 bits. */
    public static FloatImage noise(FloatImage img, double sigma, int x, int y, int w, int h, long seed) {
        FloatImage out = img.copy();
        SplittableRandom rnd = new SplittableRandom(seed);
        int x1 = w == 0 ? img.width() : x + w, y1 = h == 0 ? img.height() : y + h;
        for (int c = 0; c < img.channels(); c++) {
            for (int yy = y; yy < y1; yy++) {
                for (int xx = x; xx < x1; xx++) {
                    int i = yy * img.width() + xx;
                    double v = out.plane(c)[i] + sigma / 255 * rnd.nextGaussian();
                    out.plane(c)[i] = (float) (Math.round(Math.max(0, Math.min(1, v)) * 255) / 255.0);
                }
            }
        }
        return out;
    }

    /** Fraction of the true pixels of {@code truth} that are also true in {@code found}. */
    public static double hitRate(boolean[] found, boolean[] truth) {
        long t = 0, h = 0;
        for (int i = 0; i < truth.length; i++) if (truth[i]) { t++; if (found[i]) h++; }
        return t == 0 ? 0 : h / (double) t;
    }

    /** Fraction of the true pixels of {@code found} that lie outside {@code truth}. */
    public static double falseShare(boolean[] found, boolean[] truth) {
        long f = 0, o = 0;
        for (int i = 0; i < found.length; i++) if (found[i]) { f++; if (!truth[i]) o++; }
        return f == 0 ? 0 : o / (double) f;
    }
}
