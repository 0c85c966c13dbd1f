package org.provenant.training.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.provenant.ml.calibration.Metrics;

/** ROC curves and reliability diagrams as plain 2D pictures (Java2D, no GUI toolkit). */
public final class Plots {
    private static final int W = 520, H = 520, M = 60;
    private static final Color[] PALETTE = {new Color(0xc62828), new Color(0xef6c00), new Color(0x6a1b9a),
            new Color(0x1565c0), new Color(0x2e7d32)};

    /** One named curve: x and y in 0..1. */
    public record Curve(String name, double[] x, double[] y) { }

    private Plots() { }

    /** ROC curve points (false-alarm rate, true-positive rate) of a score oriented so that high accuses. */
    public static Curve roc(String name, double[] positives, double[] negatives, boolean higherAccuses) {
        double[] p = Metrics.finite(positives), n = Metrics.finite(negatives);
        if (!higherAccuses) {
            for (int i = 0; i < p.length; i++) p[i] = -p[i];
            for (int i = 0; i < n.length; i++) n[i] = -n[i];
        }
        double[] all = new double[p.length + n.length];
        System.arraycopy(p, 0, all, 0, p.length);
        System.arraycopy(n, 0, all, p.length, n.length);
        Arrays.sort(all);
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[]{1, 1});
        double prev = Double.NaN;
        for (double t : all) {
            if (t == prev) continue;
            prev = t;
            pts.add(new double[]{frac(n, t), frac(p, t)});
        }
        pts.add(new double[]{0, 0});
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Curve(name, x, y);
    }

    private static double frac(double[] v, double t) {
        if (v.length == 0) return Double.NaN;
        int c = 0;
        for (double d : v) if (d >= t) c++;
        return c / (double) v.length;
    }

    /**
     * Reliability at equal priors: held-out ln LRs binned by the probability they state (sigmoid of ln LR), against
     * the observed share of positives in the bin with each class weighted to half.
     */
    public static Curve reliability(String name, double[] lnLrPositives, double[] lnLrNegatives, int bins) {
        double[] wp = new double[bins], wn = new double[bins];
        double np = Metrics.finite(lnLrPositives).length, nn = Metrics.finite(lnLrNegatives).length;
        double[] stated = new double[bins], weight = new double[bins];
        for (double l : lnLrPositives) add(l, 1 / np, wp, stated, weight, bins);
        for (double l : lnLrNegatives) add(l, 1 / nn, wn, stated, weight, bins);
        List<double[]> pts = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (wp[b] + wn[b] <= 0) continue;
            pts.add(new double[]{stated[b] / weight[b], wp[b] / (wp[b] + wn[b])});
        }
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Curve(name, x, y);
    }

    private static void add(double l, double w, double[] acc, double[] stated, double[] weight, int bins) {
        if (!Double.isFinite(l)) return;
        double p = 1 / (1 + Math.exp(-l));
        int b = Math.min(bins - 1, (int) (p * bins));
        acc[b] += w;
        stated[b] += w * p;
        weight[b] += w;
    }

    /** A square plot of curves on [0,1]x[0,1] with the diagonal, axis names and a legend. */
    public static BufferedImage draw(String title, String xName, String yName, List<Curve> curves, boolean markers) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        int side = W - 2 * M;
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 10; i++) {
            int v = M + side * i / 10;
            g.drawLine(M, v, M + side, v);
            g.drawLine(v, M, v, M + side);
        }
        g.setColor(Color.GRAY);
        g.drawLine(M, M + side, M + side, M);
        g.setColor(Color.BLACK);
        g.drawRect(M, M, side, side);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, M, M - 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(xName, M + side / 2 - 60, H - 15);
        g.rotate(-Math.PI / 2);
        g.drawString(yName, -(M + side / 2 + 60), 20);
        g.rotate(Math.PI / 2);
        for (int i = 0; i <= 4; i++) {
            String s = String.format(Locale.ROOT, "%.2f", i / 4.0);
            g.drawString(s, M + side * i / 4 - 12, M + side + 16);
            g.drawString(s, M - 36, M + side - side * i / 4 + 4);
        }
        for (int c = 0; c < curves.size(); c++) {
            Curve cv = curves.get(c);
            g.setColor(PALETTE[c % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < cv.x().length; i++) {
                int x = M + (int) Math.round(cv.x()[i] * side), y = M + side - (int) Math.round(cv.y()[i] * side);
                if (i > 0) {
                    int x0 = M + (int) Math.round(cv.x()[i - 1] * side), y0 = M + side - (int) Math.round(cv.y()[i - 1] * side);
                    g.drawLine(x0, y0, x, y);
                }
                if (markers) g.fillOval(x - 4, y - 4, 8, 8);
            }
            g.drawString(cv.name(), M + 8, M + 18 + 16 * c);
        }
        g.dispose();
        return img;
    }
}
