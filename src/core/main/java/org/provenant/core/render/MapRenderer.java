package org.provenant.core.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.provenant.core.image.FloatMap;

/** Draws float maps with a colour scale, and colour-scale legends; shared by the CLI, the GUI and the report. */
public final class MapRenderer {
    private MapRenderer() { }

    /**
     * One pixel per map value, values mapped linearly from [low, high] onto the scale; a value that is not a number
     * (no data) is fully transparent, never a colour of the scale. Draw it over {@link #checkerboard} where the
     * background must show that.
     */
    public static BufferedImage render(FloatMap map, ColourScale scale, double low, double high) {
        return renderArgb(map, scale, low, high, 1.0);
    }

    /** Same, with alpha so that it can be drawn over an image; NaN values are transparent. */
    public static BufferedImage renderArgb(FloatMap map, ColourScale scale, double low, double high, double opacity) {
        BufferedImage out = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_ARGB);
        double span = high - low == 0 ? 1 : high - low;
        int alpha = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255) << 24;
        int[] row = new int[map.width()];
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                float v = map.get(x, y);
                row[x] = Float.isNaN(v) ? 0 : alpha | scale.rgb((v - low) / span);
            }
            out.setRGB(0, y, map.width(), 1, row, 0, map.width());
        }
        return out;
    }

    /** Light squares of {@link #CHECK} pixels: the usual picture of "transparent", drawn behind maps with no data. */
    public static void checkerboard(Graphics2D g, int x, int y, int w, int h) {
        Color old = g.getColor();
        for (int yy = 0; yy < h; yy += CHECK) {
            for (int xx = 0; xx < w; xx += CHECK) {
                g.setColor(((xx / CHECK + yy / CHECK) & 1) == 0 ? CHECK_LIGHT : CHECK_DARK);
                g.fillRect(x + xx, y + yy, Math.min(CHECK, w - xx), Math.min(CHECK, h - yy));
            }
        }
        g.setColor(old);
    }

    /** Side of a checkerboard square, and its two colours. */
    public static final int CHECK = 6;
    public static final Color CHECK_LIGHT = new Color(0xffffff), CHECK_DARK = new Color(0xd0d0d0);
    /** Legend text of the "no data" entry. */
    public static final String NO_DATA = "no data (transparent)";

    /**
     * A vertical legend: the colour bar with the high label at the top and the low label at the bottom, the title
     * above, and below the bar a "no data" entry (a transparent square shown as a checkerboard): cells where the
     * indicator could not measure anything are left transparent, never painted as a value.
     */
    public static BufferedImage legend(ColourScale scale, String title, String lowLabel, String highLabel, int height) {
        int barW = 18, w = 190, top = 22;
        BufferedImage out = new BufferedImage(w, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, height);
        int noData = 20;
        int barH = Math.max(10, height - top - 8 - noData);
        for (int y = 0; y < barH; y++) {
            g.setColor(new Color(scale.rgb(1.0 - (double) y / (barH - 1))));
            g.drawLine(4, top + y, 4 + barW, top + y);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(4, top, barW, barH - 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(title, 4, 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(highLabel, barW + 10, top + 10);
        g.drawString(lowLabel, barW + 10, top + barH - 2);
        int sy = top + barH + 6;
        checkerboard(g, 4, sy, barW, 12);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(4, sy, barW, 12);
        g.drawString(NO_DATA, barW + 10, sy + 11);
        g.dispose();
        return out;
    }
}
