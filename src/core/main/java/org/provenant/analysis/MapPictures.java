package org.provenant.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.provenant.core.render.MapRenderer;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Marker;

/**
 * A MapLayer as one picture: the map drawn with its colour scale (enlarged with square pixels so that small block
 * maps stay readable), its markers circled, and its legend on the right. Used for the CLI's PNG maps; the GUI and
 * the report can use the same picture.
 */
public final class MapPictures {
    /** Small maps are enlarged by a whole factor until their longer side reaches this many pixels. */
    public static final int MIN_SIDE = 384;

    private MapPictures() { }

    public static BufferedImage withLegend(MapLayer layer) {
        BufferedImage map = MapRenderer.render(layer.map(), layer.scale(), layer.low(), layer.high());
        int longer = Math.max(map.getWidth(), map.getHeight());
        int factor = Math.max(1, (MIN_SIDE + longer - 1) / longer);
        int w = map.getWidth() * factor, h = map.getHeight() * factor;
        BufferedImage legend = MapRenderer.legend(layer.scale(), layer.name(), layer.lowLabel(), layer.highLabel(),
                Math.max(160, Math.min(h, 400)));
        BufferedImage out = new BufferedImage(w + legend.getWidth() + 8, Math.max(h, legend.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        MapRenderer.checkerboard(g, 0, 0, w, h);   // shows through where the map has no data
        g.drawImage(map, 0, 0, w, h, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(2f));
        g.setColor(Color.CYAN);
        for (Marker[] pair : Marker.pairs(layer.markers())) {
            g.drawLine((int) Math.round(pair[0].x() * factor), (int) Math.round(pair[0].y() * factor),
                    (int) Math.round(pair[1].x() * factor), (int) Math.round(pair[1].y() * factor));
        }
        for (Marker m : layer.markers()) {
            int cx = (int) Math.round(m.x() * factor), cy = (int) Math.round(m.y() * factor);
            g.drawOval(cx - 7, cy - 7, 14, 14);
            g.drawString(m.label(), Math.min(cx + 9, Math.max(0, w - 90)), Math.max(12, cy - 9));
        }
        g.drawImage(legend, w + 8, 0, null);
        g.dispose();
        return out;
    }
}
