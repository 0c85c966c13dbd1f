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
 */
public record MapLayer(String name, FloatMap map, ColourScale scale, double low, double high,
                       String lowLabel, String highLabel, boolean overlay, List<Marker> markers) {
    public MapLayer {
        markers = List.copyOf(markers);
    }
}
