package org.provenant.app.workbench;

import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.LoadedImage;

/** The workbench's one-line texts about the open image: the file line and the pixel read-out. */
final class ImageLines {
    private ImageLines() { }

    /** E.g. "a.png  96 x 64  PNG 8-bit RGB  SHA-256 0f1e2d3c4b5a...". */
    static String fileLine(LoadedImage li) {
        var m = li.metadata();
        return String.format(Locale.ROOT, "%s  %d x %d  %s %d-bit %s  SHA-256 %s...", li.fileName(),
                li.image().width(), li.image().height(), m == null ? "" : m.formatName().toUpperCase(Locale.ROOT),
                m == null ? 8 : m.bitsPerSample(), li.image().channels() == 1 ? "grey" : "RGB", li.sha256().substring(0, 12));
    }

    /**
     * The pixel read-out at image position (x, y): coordinates and the 8-bit values (RGB, or grey for one channel),
     * then {@code mapValue} (the heat map's value there) when given.
     */
    static String readout(FloatImage img, double x, double y, String mapValue) {
        int px = (int) Math.min(img.width() - 1, Math.floor(x));
        int py = (int) Math.min(img.height() - 1, Math.floor(y));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "x %d  y %d   ", px, py));
        if (img.channels() >= 3) {
            sb.append(String.format(Locale.ROOT, "R %d  G %d  B %d", v8(img.get(0, px, py)), v8(img.get(1, px, py)), v8(img.get(2, px, py))));
        } else {
            sb.append(String.format(Locale.ROOT, "grey %d", v8(img.get(0, px, py))));
        }
        if (mapValue != null) sb.append("   ").append(mapValue);
        return sb.toString();
    }

    private static int v8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
