package org.provenant.analysis.batch;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.OutputGuard;

/** Small JPEG previews (at most {@link #SIDE} px) for the case view and the HTML index. */
public final class Thumbnails {
    public static final int SIDE = 256;

    private Thumbnails() { }

    public static BufferedImage make(FloatImage image) {
        double s = Math.min(1.0, (double) SIDE / Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * s)), h = Math.max(1, (int) Math.round(image.height() * s));
        // sample the float planes directly: no full-size BufferedImage for a 12 MP photo
        BufferedImage big = image.width() <= 2 * w ? image.toBufferedImage() : null;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        if (big != null) {
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(big, 0, 0, w, h, null);
            g.dispose();
            return out;
        }
        int c = image.channels();
        for (int y = 0; y < h; y++) {
            int y0 = (int) ((long) y * image.height() / h), y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * image.height() / h));
            for (int x = 0; x < w; x++) {
                int x0 = (int) ((long) x * image.width() / w), x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * image.width() / w));
                int step = Math.max(1, (x1 - x0) / 4);
                double[] acc = new double[3];
                int n = 0;
                for (int yy = y0; yy < y1; yy += step) {
                    for (int xx = x0; xx < x1; xx += step) {
                        for (int k = 0; k < 3; k++) acc[k] += image.get(Math.min(k, c - 1), xx, yy);
                        n++;
                    }
                }
                int rgb = 0;
                for (int k = 0; k < 3; k++) rgb = (rgb << 8) | Math.max(0, Math.min(255, (int) Math.round(acc[k] / n * 255)));
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    public static void write(Path file, FloatImage image) throws IOException {
        BufferedImage t = make(image);
        OutputGuard.writeAtomically(file, o -> {
            if (!ImageIO.write(t, "jpg", o)) throw new IOException("no JPEG writer");
        });
    }
}
