package org.provenant.app.panels;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.provenant.app.common.Formats;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.indicators.generative.realism.ImageRealismScore;
import org.provenant.indicators.generative.realism.RealismStatistics;

/**
 * The Image Realism Score with its five components drawn as the pentagon whose area is the score: this image's
 * pentagon over the dashed pentagon of the real reference photos (every radius 1).
 */
public final class RealismPanel extends GenericIndicatorPanel {
    public static final String INDICATOR_ID = ImageRealismScore.ID;
    /** Canvas size of the pentagon chart. */
    static final double WIDTH = 470, HEIGHT = 280;

    public RealismPanel(Indicator indicator, PanelContext context) {
        super(indicator, context);
    }

    @Override
    protected Node extraView(IndicatorResult r) {
        List<Score> radii = new ArrayList<>();
        for (String key : RealismStatistics.NAMES) {
            try {
                radii.add(r.score(key));
            } catch (IllegalArgumentException e) {
                return null;   // not the result this panel knows: the generic views suffice
            }
        }
        Canvas c = new Canvas(WIDTH, HEIGHT);
        c.getStyleClass().add("realism-pentagon");
        draw(c.getGraphicsContext2D(), radii, Color.rgb((r.supports().rgb() >> 16) & 255, (r.supports().rgb() >> 8) & 255,
                r.supports().rgb() & 255));
        Label title = new Label("The five statistics as a pentagon (area = score; dashed = real reference photos)");
        title.getStyleClass().add("map-title");
        title.setWrapText(true);
        return new VBox(4, title, c);
    }

    private static void draw(GraphicsContext g, List<Score> radii, Color colour) {
        int n = radii.size();
        double cx = WIDTH / 2, cy = HEIGHT / 2 + 8;
        double max = 1.3;
        for (Score s : radii) if (Double.isFinite(s.value())) max = Math.max(max, s.value());
        double unit = 95 / max;
        double[] rx = new double[n], ry = new double[n], fx = new double[n], fy = new double[n];
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            double v = Double.isFinite(radii.get(i).value()) ? Math.max(0, radii.get(i).value()) : 0;
            rx[i] = cx + unit * Math.cos(a);
            ry[i] = cy + unit * Math.sin(a);
            fx[i] = cx + unit * v * Math.cos(a);
            fy[i] = cy + unit * v * Math.sin(a);
            g.setStroke(Color.gray(0.8));
            g.setLineWidth(1);
            g.strokeLine(cx, cy, cx + unit * max * Math.cos(a), cy + unit * max * Math.sin(a));
            g.setFill(Color.gray(0.15));
            g.setFont(Font.font(11));
            g.setTextAlign(Math.abs(Math.cos(a)) < 0.2 ? TextAlignment.CENTER : Math.cos(a) > 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
            g.setTextBaseline(Math.sin(a) < -0.5 ? VPos.BOTTOM : VPos.TOP);
            double lx = cx + (unit * max + 6) * Math.cos(a), ly = cy + (unit * max + 4) * Math.sin(a);
            String name = radii.get(i).label().replace(" (inverted)", "");
            g.fillText(name + "\n" + Formats.value(radii.get(i).value()), lx, ly);
        }
        g.setFill(Color.color(colour.getRed(), colour.getGreen(), colour.getBlue(), 0.35));
        g.fillPolygon(fx, fy, n);
        g.setStroke(colour);
        g.setLineWidth(2);
        g.strokePolygon(fx, fy, n);
        g.setStroke(Color.gray(0.25));
        g.setLineWidth(1.2);
        g.setLineDashes(5, 4);
        g.strokePolygon(rx, ry, n);
        g.setLineDashes(null);
    }
}
