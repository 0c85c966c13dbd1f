package org.provenant.report;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.provenant.analysis.MapPictures;
import org.provenant.core.image.FloatImage;
import org.provenant.core.render.MapRenderer;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Marker;
import org.provenant.analysis.casefolder.Annotation;

/** The report's pictures: the evidence with its annotations, heat maps over the evidence, standalone maps. */
public final class ReportPictures {
    /** Longest side, in pixels, of the evidence pictures embedded in the report (keeps the PDF small). */
    public static final int MAX_SIDE = 900;
    /** Opacity of a heat map drawn over the evidence; the evidence below is shown in grey. */
    public static final double OVERLAY_OPACITY = 0.5;
    /**
     * Longest map name shown as the legend's title; MapRenderer's legend is 190 pixels wide and cuts longer
     * titles, so those get a neutral title (the caption above the picture names the map in full).
     */
    static final int LEGEND_TITLE_MAX = 24;

    private ReportPictures() { }

    /** The evidence scaled to fit {@link #MAX_SIDE}. */
    public static BufferedImage evidence(FloatImage image) {
        BufferedImage src = image.toBufferedImage();
        double s = scaleFor(image);
        int w = Math.max(1, (int) Math.round(image.width() * s)), h = Math.max(1, (int) Math.round(image.height() * s));
        BufferedImage cur = toRgb(src);
        // halve step by step first so that a large reduction still averages pixels
        while (cur.getWidth() / 2 >= w && cur.getHeight() / 2 >= h) cur = scaled(cur, cur.getWidth() / 2, cur.getHeight() / 2);
        return cur.getWidth() == w && cur.getHeight() == h ? cur : scaled(cur, w, h);
    }

    /** Picture pixels per evidence pixel in {@link #evidence}. */
    public static double scaleFor(FloatImage image) {
        return Math.min(1.0, (double) MAX_SIDE / Math.max(image.width(), image.height()));
    }

    /** The evidence picture with the annotations drawn on it. */
    public static BufferedImage annotated(BufferedImage evidencePicture, List<Annotation> annotations, double scale) {
        BufferedImage out = copy(evidencePicture);
        Graphics2D g = out.createGraphics();
        AnnotationPainter.paint(g, annotations, scale, out.getWidth());
        g.dispose();
        return out;
    }

    /**
     * A heat map drawn at {@link #OVERLAY_OPACITY} over the evidence picture (in grey, so that the map's colours
     * read true), stretched to the picture with square cells, markers circled.
     */
    public static BufferedImage overlay(BufferedImage evidencePicture, MapLayer layer) {
        int w = evidencePicture.getWidth(), h = evidencePicture.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(grey(evidencePicture), 0, 0, null);
        BufferedImage map = MapRenderer.renderArgb(layer.map(), layer.scale(), layer.low(), layer.high(), OVERLAY_OPACITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setComposite(AlphaComposite.SrcOver);
        g.drawImage(map, 0, 0, w, h, null);
        markers(g, layer.markers(), (double) w / layer.map().width(), (double) h / layer.map().height());
        if (layer.outlines()) outlines(g, layer, w, h);
        g.dispose();
        return out;
    }

    /** The outlines of the regions where the map reaches the layer's outline threshold (cell edges, in cyan). */
    static void outlines(Graphics2D g, MapLayer layer, int w, int h) {
        var m = layer.map();
        double t = layer.outlineAt(), cw = (double) w / m.width(), ch = (double) h / m.height();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setStroke(new BasicStroke(2f));
        g.setColor(Color.CYAN);
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (!(m.get(x, y) >= t)) continue;
                int x0 = (int) Math.round(x * cw), y0 = (int) Math.round(y * ch), x1 = (int) Math.round((x + 1) * cw),
                        y1 = (int) Math.round((y + 1) * ch);
                if (!above(m, x - 1, y, t)) g.drawLine(x0, y0, x0, y1);
                if (!above(m, x + 1, y, t)) g.drawLine(x1, y0, x1, y1);
                if (!above(m, x, y - 1, t)) g.drawLine(x0, y0, x1, y0);
                if (!above(m, x, y + 1, t)) g.drawLine(x0, y1, x1, y1);
            }
        }
    }

    private static boolean above(org.provenant.core.image.FloatMap m, int x, int y, double t) {
        return x >= 0 && y >= 0 && x < m.width() && y < m.height() && m.get(x, y) >= t;
    }

    /** The legend for a map, as tall as the picture it sits beside (within limits). */
    public static BufferedImage legend(MapLayer layer, int pictureHeight) {
        String title = layer.name().length() <= LEGEND_TITLE_MAX ? layer.name() : "Colour scale";
        return MapRenderer.legend(layer.scale(), title, layer.lowLabel(), layer.highLabel(),
                Math.max(160, Math.min(pictureHeight, 420)));
    }

    /** A map that is a picture of its own (a spectrum): drawn with its legend, as the CLI draws it. */
    public static BufferedImage standalone(MapLayer layer) {
        return MapPictures.withLegend(layer);
    }

    private static void markers(Graphics2D g, List<Marker> markers, double sx, double sy) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(2f));
        g.setColor(Color.CYAN);
        for (Marker m : markers) {
            int cx = (int) Math.round(m.x() * sx), cy = (int) Math.round(m.y() * sy);
            g.drawOval(cx - 7, cy - 7, 14, 14);
        }
    }

    private static BufferedImage grey(BufferedImage src) {
        BufferedImage g = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D gg = g.createGraphics();
        gg.drawImage(src, 0, 0, null);
        gg.dispose();
        return g;
    }

    private static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) return src;
        return copy(src);
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
