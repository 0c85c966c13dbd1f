package org.provenant.indicators;

import java.util.List;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;

/**
 * A picture an indicator produces.
 *
 * @param name       e.g. "R-G correlation"
 * @param map        the values
 * @param scale      colour scale used to draw it
 * @param low        value drawn at the bottom of the scale
 * @param high       value drawn at the top of the scale
 * @param lowLabel   legend text at the bottom, e.g. "0 (independent)"
 * @param highLabel  legend text at the top, e.g. "1 (locked together)"
 * @param overlay    true when the map covers the image and may be drawn over it (a heat map);
 *                   false for a picture of its own (a spectrum)
 * @param markers    points to mark on the picture (may be empty)
 * @param outlineAt  map value at or above which the indicator outlines regions (its finding: views draw the outlines
 *                   over the image by default); NaN when it outlines nothing
 */
public record MapLayer(String name, FloatMap map, ColourScale scale, double low, double high,
                       String lowLabel, String highLabel, boolean overlay, List<Marker> markers, double outlineAt) {
    public MapLayer {
        markers = List.copyOf(markers);
    }

    /** A map without outlined regions. */
    public MapLayer(String name, FloatMap map, ColourScale scale, double low, double high, String lowLabel, String highLabel,
                    boolean overlay, List<Marker> markers) {
        this(name, map, scale, low, high, lowLabel, highLabel, overlay, markers, Double.NaN);
    }

    /** Whether the indicator outlines regions on this map. */
    public boolean outlines() {
        return Double.isFinite(outlineAt);
    }
}
