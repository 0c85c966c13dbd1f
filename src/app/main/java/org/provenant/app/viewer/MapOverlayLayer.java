package org.provenant.app.viewer;

import java.util.Locale;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.provenant.app.common.MapImages;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.MapRenderer;
import org.provenant.indicators.MapLayer;

/**
 * An indicator's heat map drawn over the image, stretched to the image size: either as a translucent colour map
 * (drawn by core's {@link MapRenderer} through {@link MapImages}: the same picture the CLI and the report use) or,
 * when a threshold is set, as the outlines of the regions where the map reaches the threshold.
 */
public final class MapOverlayLayer implements ViewerLayer {
    /** Outline colour: bright and absent from every colour scale, so that outlines stand out on any image. */
    public static final Color OUTLINE = Color.rgb(0, 255, 255);

    /** Opacity a heat map starts with: the image stays readable under it. Our choice. */
    public static final double DEFAULT_OPACITY = 0.45;

    private final MapLayer layer;
    private final String source;
    private final Image picture;
    private final double imageWidth, imageHeight;
    private double opacity = DEFAULT_OPACITY;
    private Double threshold;

    /**
     * @param layer       the map (overlay = true)
     * @param source      the indicator's display name, for the read-out
     * @param imageWidth  width of the analysed image, onto which the map is stretched
     * @param imageHeight height of the analysed image
     */
    public MapOverlayLayer(MapLayer layer, String source, double imageWidth, double imageHeight) {
        this.layer = layer;
        this.source = source;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.picture = MapImages.of(layer).overlay();
    }

    public MapLayer mapLayer() { return layer; }
    public String source() { return source; }
    public double opacity() { return opacity; }
    public void setOpacity(double opacity) { this.opacity = Math.max(0, Math.min(1, opacity)); }

    /** The outline threshold, or null when the map is drawn as a heat map. */
    public Double threshold() { return threshold; }
    public void setThreshold(Double threshold) { this.threshold = threshold; }

    @Override
    public void paint(GraphicsContext g, double scale) {
        if (threshold == null) {
            g.setGlobalAlpha(opacity);
            g.setImageSmoothing(false);
            g.drawImage(picture, 0, 0, imageWidth, imageHeight);
            paintPairs(g, scale);
            return;
        }
        FloatMap m = layer.map();
        double cw = imageWidth / m.width(), ch = imageHeight / m.height();
        double t = threshold;
        g.setGlobalAlpha(1);   // outlines stay fully visible; the opacity slider is for the heat map
        g.setStroke(OUTLINE);
        g.setLineWidth(2 / scale);
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (!above(m, x, y, t)) continue;
                double x0 = x * cw, y0 = y * ch, x1 = x0 + cw, y1 = y0 + ch;
                if (!above(m, x - 1, y, t)) g.strokeLine(x0, y0, x0, y1);
                if (!above(m, x + 1, y, t)) g.strokeLine(x1, y0, x1, y1);
                if (!above(m, x, y - 1, t)) g.strokeLine(x0, y0, x1, y0);
                if (!above(m, x, y + 1, t)) g.strokeLine(x0, y1, x1, y1);
            }
        }
    }

    /** Paired markers (A-n / B-n, e.g. copy-move regions) joined by a line, with their labels. */
    private void paintPairs(GraphicsContext g, double scale) {
        var pairs = org.provenant.indicators.Marker.pairs(layer.markers());
        if (pairs.isEmpty() || opacity <= 0) return;
        FloatMap m = layer.map();
        double sx = imageWidth / m.width(), sy = imageHeight / m.height();
        g.setGlobalAlpha(1);
        g.setStroke(Color.YELLOW);
        g.setFill(Color.YELLOW);
        g.setLineWidth(2 / scale);
        g.setFont(javafx.scene.text.Font.font(13 / scale));
        for (var p : pairs) {
            g.strokeLine(p[0].x() * sx, p[0].y() * sy, p[1].x() * sx, p[1].y() * sy);
            for (var mk : p) g.fillText(mk.label(), mk.x() * sx + 4 / scale, mk.y() * sy - 4 / scale);
        }
    }

    private static boolean above(FloatMap m, int x, int y, double t) {
        if (x < 0 || y < 0 || x >= m.width() || y >= m.height()) return false;
        float v = m.get(x, y);
        return !Float.isNaN(v) && v >= t;
    }

    /** The map value under an image position, e.g. "R-G residual correlation 0.42". */
    @Override
    public String describe(double imageX, double imageY) {
        FloatMap m = layer.map();
        int mx = (int) Math.floor(imageX / imageWidth * m.width());
        int my = (int) Math.floor(imageY / imageHeight * m.height());
        if (mx < 0 || my < 0 || mx >= m.width() || my >= m.height()) return null;
        float v = m.get(mx, my);
        return layer.name() + " " + (Float.isNaN(v) ? "no value" : String.format(Locale.ROOT, "%.3f", v));
    }
}
