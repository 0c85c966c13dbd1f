package org.provenant.app.common;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.provenant.analysis.MapPictures;
import org.provenant.core.render.MapRenderer;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;

/**
 * The pictures of a map layer, drawn by core's {@link MapRenderer} and analysis' {@link MapPictures} (the same
 * pictures as the CLI and the report). {@link #prepare} draws them on the analysis thread, so that the JavaFX thread
 * only places finished images; {@link #of} returns them (drawing them there only if they were not prepared).
 */
public final class MapImages {
    /** Height of a map's colour-scale legend in the panels and in the viewer's corner. */
    public static final int LEGEND_HEIGHT = 130;

    /**
     * @param overlay    the map in colour with transparent NaN, full opacity (the viewer applies the opacity)
     * @param thumbnail  the map in colour, one pixel per value
     * @param legend     the colour scale with the layer's low and high labels
     * @param standalone the map enlarged, markers circled, legend beside (for layers that are not overlays)
     */
    public record Pictures(Image overlay, Image thumbnail, Image legend, Image standalone) { }

    private static final Map<MapLayer, Pictures> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private MapImages() { }

    /** Draws the pictures of every map of the result; call it off the JavaFX thread. */
    public static void prepare(IndicatorResult result) {
        if (result != null) for (MapLayer m : result.maps()) of(m);
    }

    public static Pictures of(MapLayer m) {
        Pictures p = CACHE.get(m);
        if (p != null) return p;
        Image legend = fx(MapRenderer.legend(m.scale(), "Colour scale", m.lowLabel(), m.highLabel(), LEGEND_HEIGHT));
        p = m.overlay()
                ? new Pictures(fx(MapRenderer.renderArgb(m.map(), m.scale(), m.low(), m.high(), 1.0)),
                        fx(MapRenderer.render(m.map(), m.scale(), m.low(), m.high())), legend, null)
                : new Pictures(null, null, legend, fx(MapPictures.withLegend(m)));
        CACHE.put(m, p);
        return p;
    }

    private static Image fx(java.awt.image.BufferedImage img) {
        return SwingFXUtils.toFXImage(img, null);
    }
}
