package org.provenant.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.util.List;
import org.provenant.analysis.casefolder.Annotation;

/**
 * Draws the examiner's annotations with Java2D onto a picture of the evidence (the report's pictures; any AWT
 * view). Each mark carries its number [1], [2]... so the report's annotation table can refer to it.
 */
public final class AnnotationPainter {
    /** Line width of marks, in picture pixels, for a picture about 900 pixels wide (scaled with the picture). */
    static final float STROKE = 3f;

    private AnnotationPainter() { }

    /**
     * @param scale picture pixels per evidence pixel
     * @param pictureWidth width of the picture (stroke and label size scale with it)
     */
    public static void paint(Graphics2D g, List<Annotation> annotations, double scale, int pictureWidth) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        float unit = Math.max(0.6f, pictureWidth / 900f);
        float stroke = STROKE * unit;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(14 * unit)));
        int n = 0;
        for (Annotation a : annotations) {
            n++;
            Color c = new Color(a.rgb());
            double x1 = a.x1() * scale, y1 = a.y1() * scale, x2 = a.x2() * scale, y2 = a.y2() * scale;
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            String label = "[" + n + "]";
            switch (a.kind()) {
                case RECTANGLE -> {
                    double x = Math.min(x1, x2), y = Math.min(y1, y2);
                    double w = Math.abs(x2 - x1), h = Math.abs(y2 - y1);
                    g.setColor(Color.WHITE);
                    g.setStroke(new BasicStroke(stroke + 2 * unit));
                    g.draw(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
                    g.setColor(c);
                    g.setStroke(new BasicStroke(stroke));
                    g.draw(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
                    label(g, label, x, y - 4 * unit, c);
                }
                case ARROW -> {
                    Path2D head = arrowHead(x1, y1, x2, y2, 14 * unit);
                    g.setColor(Color.WHITE);
                    g.setStroke(new BasicStroke(stroke + 2 * unit, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
                    g.draw(head);
                    g.setColor(c);
                    g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
                    g.fill(head);
                    label(g, label, x1 + 4 * unit, y1 - 4 * unit, c);
                }
                case NOTE -> {
                    double r = 6 * unit;
                    g.setColor(Color.WHITE);
                    g.fill(new java.awt.geom.Ellipse2D.Double(x1 - r - unit, y1 - r - unit, 2 * r + 2 * unit, 2 * r + 2 * unit));
                    g.setColor(c);
                    g.fill(new java.awt.geom.Ellipse2D.Double(x1 - r, y1 - r, 2 * r, 2 * r));
                    label(g, label, x1 + r + 3 * unit, y1 - r, c);
                }
                default -> throw new IllegalStateException(a.kind().toString());
            }
        }
    }

    /** The label in the mark's colour on a white box, kept inside the picture. */
    private static void label(Graphics2D g, String text, double x, double y, Color c) {
        FontMetrics fm = g.getFontMetrics();
        int w = fm.stringWidth(text) + 6, h = fm.getHeight();
        var clip = g.getDeviceConfiguration().getBounds();
        int bx = (int) Math.max(0, Math.min(x, clip.getWidth() - w));
        int by = (int) Math.max(0, Math.min(y - h, clip.getHeight() - h));
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(bx, by, w, h);
        g.setColor(c.darker());
        g.drawString(text, bx + 3, by + fm.getAscent());
    }

    private static Path2D arrowHead(double x1, double y1, double x2, double y2, double size) {
        double ang = Math.atan2(y2 - y1, x2 - x1);
        Path2D p = new Path2D.Double();
        p.moveTo(x2, y2);
        p.lineTo(x2 - size * Math.cos(ang - Math.PI / 7), y2 - size * Math.sin(ang - Math.PI / 7));
        p.lineTo(x2 - size * Math.cos(ang + Math.PI / 7), y2 - size * Math.sin(ang + Math.PI / 7));
        p.closePath();
        return p;
    }
}
