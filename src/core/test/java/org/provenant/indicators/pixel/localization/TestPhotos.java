package org.provenant.indicators.pixel.localization;

import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.provenant.core.image.FloatImage;

/** The lare-* photos under src/test/resources/photos (see lare-README.md there). */
public final class TestPhotos {
    private TestPhotos() { }

    public static FloatImage load(String name) {
        try (InputStream in = TestPhotos.class.getResourceAsStream("/photos/" + name)) {
            if (in == null) throw new IllegalStateException("missing test photo " + name);
            return FloatImage.fromBufferedImage(ImageIO.read(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code base} with {@code patch} pasted at (x, y). */
    public static FloatImage paste(FloatImage base, FloatImage patch, int x, int y) {
        FloatImage out = base.copy();
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < patch.height(); r++) {
                System.arraycopy(patch.plane(c), r * patch.width(), out.plane(c), (y + r) * base.width() + x, patch.width());
            }
        }
        return out;
    }

    /** The ground-truth mask of a pasted rectangle. */
    public static boolean[] rect(int w, int h, int x, int y, int pw, int ph) {
        boolean[] m = new boolean[w * h];
        for (int r = y; r < y + ph; r++) for (int c = x; c < x + pw; c++) m[r * w + c] = true;
        return m;
    }
}
