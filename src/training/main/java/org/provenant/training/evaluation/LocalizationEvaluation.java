package org.provenant.training.evaluation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.training.evaluation.Observations.Observation;
import org.provenant.training.evaluation.Observations.Seen;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.features.Regions;
import org.provenant.ml.calibration.Metrics;

/**
 * The localization tables of {@code provenant evaluate} on a {@link MaskedSet}: per edit type and per source
 * benchmark, how many edits the localization indicator leans "edited" on, how well its outlined regions match the
 * true masks (pixel F1 and IoU), and how well its image-level score ranks edits above untouched photos and the edits'
 * own originals (ROC AUC, true-positive rate at 5 % false alarms); false alarms on untouched photos and on originals.
 */
public final class LocalizationEvaluation {
    public static final String INDICATOR = "localization";
    /** The pixel toolbox of issue 12 plus the fused localization: "any lean" counts a lean of any of them. */
    public static final List<String> PIXEL_TOOLBOX = List.of("error-level", "noise-map", "jpeg-ghosts", "copy-move", "exemplar-fill", "jpeg-pasted-region", "jpeg-lattice-region", INDICATOR);
    /** Image-level scores tried in this order when none is named: the calibrated LR, then the raw fused peak. */
    public static final List<String> SCORES = List.of("lr_edited", "edited_score", "peak");
    /** The false-alarm rate of the "TPR at" column. */
    public static final double FPR = 0.05;

    private LocalizationEvaluation() { }

    /** Pixel F1 and IoU of the outlined regions against the mask (edits), and the outlined share (every image). */
    public static Observations.Extra pixelMetrics() {
        return (item, report, image) -> {
            IndicatorOutcome o = report.outcome(INDICATOR).orElse(null);
            if (o == null || !o.ok()) return Map.of();
            int w = image.image().width(), h = image.image().height();
            boolean[] pred = Regions.outlined(o.result(), w, h);
            Map<String, Double> m = new LinkedHashMap<>();
            long outlined = 0;
            if (pred != null) for (boolean b : pred) if (b) outlined++;
            m.put("outlined_share", pred == null ? Double.NaN : outlined / (double) (w * h));
            Path mask = MaskedSet.mask(item);
            if (mask != null) {
                boolean[] truth = readMaskOrNull(mask, w, h);
                if (truth != null && pred != null) m.putAll(overlapOf(pred, truth));
            }
            return Map.of(INDICATOR, m);
        };
    }

    /** pixel_f1, pixel_iou and mask_share of a predicted mask against the truth. */
    public static Map<String, Double> overlapOf(boolean[] pred, boolean[] truth) {
        long tp = 0, fp = 0, fn = 0, t = 0;
        for (int i = 0; i < pred.length; i++) {
            if (truth[i]) t++;
            if (pred[i] && truth[i]) tp++;
            else if (pred[i]) fp++;
            else if (truth[i]) fn++;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("pixel_f1", tp + fp + fn == 0 ? 1 : 2.0 * tp / (2.0 * tp + fp + fn));
        m.put("pixel_iou", tp + fp + fn == 0 ? 1 : tp / (double) (tp + fp + fn));
        m.put("mask_share", t / (double) pred.length);
        return m;
    }

    /** The mask as booleans (any channel above 127), or null when it is missing or of another size. */
    public static boolean[] readMaskOrNull(Path file, int w, int h) {
        try {
            BufferedImage b = ImageIO.read(file.toFile());
            if (b == null || b.getWidth() != w || b.getHeight() != h) return null;
            boolean[] m = new boolean[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = b.getRGB(x, y);
                    m[y * w + x] = ((rgb >> 16) & 255) > 127 || ((rgb >> 8) & 255) > 127 || (rgb & 255) > 127;
                }
            }
            return m;
        } catch (IOException e) {
            return null;
        }
    }

    /** The image-level score key used: {@code wanted}, or the first of {@link #SCORES} that the observations hold. */
    public static String scoreKey(List<Observation> obs, String wanted) {
        if (wanted != null) return wanted;
        for (String k : SCORES) {
            for (Observation o : obs) {
                Seen s = o.byIndicator().get(INDICATOR);
                if (s != null && s.scores().containsKey(k)) return k;
            }
        }
        return SCORES.get(SCORES.size() - 1);
    }

    /** One row of a table: a group of edits against all negatives. */
    public record Row(String group, int edits, int leaning, int anyLean, double f1Mean, double iouMean, double iouMedian,
                      double iouMedianFlagged, double auc, double tprAtFpr) { }

    /** Untouched photos or originals: how many leaned "edited". */
    public record Negatives(String group, int images, int leaning, int anyLean, double outlinedMean) { }

    /** All figures of one evaluation. */
    public record Tables(String score, List<Row> byType, List<Row> bySource, Row all, List<Negatives> negatives) {
        /** Share of edits leaning "edited". */
        public double detection() { return all.edits == 0 ? Double.NaN : all.leaning / (double) all.edits; }
    }

    public static Tables tables(List<Observation> obs, String wantedScore) {
        String key = scoreKey(obs, wantedScore);
        List<Observation> edits = new ArrayList<>(), negatives = new ArrayList<>();
        for (Observation o : obs) (MaskedSet.kind(o.item()).equals(MaskedSet.EDIT) ? edits : negatives).add(o);
        double[] neg = scores(negatives, key);
        List<Row> byType = rows(edits, neg, key, o -> MaskedSet.editType(o.item()).replaceAll(":.*", ""));
        if (edits.stream().anyMatch(o -> MaskedSet.editType(o.item()).contains(":"))) {
            byType.addAll(rows(edits, neg, key, o -> MaskedSet.editType(o.item())).stream()
                    .filter(r -> r.group.contains(":")).toList());
        }
        List<Row> bySource = rows(edits, neg, key, o -> o.item().source());
        Row all = row("all edits", edits, neg, key);
        List<Negatives> n = new ArrayList<>();
        for (String kind : List.of(MaskedSet.UNTOUCHED, MaskedSet.ORIGINAL)) {
            List<Observation> of = negatives.stream().filter(o -> MaskedSet.kind(o.item()).equals(kind)).toList();
            if (!of.isEmpty()) n.add(negatives(kind.equals(MaskedSet.UNTOUCHED) ? "untouched photos" : "originals of the edits", of));
        }
        return new Tables(key, byType, bySource, all, n);
    }

    private static List<Row> rows(List<Observation> edits, double[] neg, String key, Function<Observation, String> group) {
        Map<String, List<Observation>> g = new TreeMap<>();
        for (Observation o : edits) g.computeIfAbsent(group.apply(o), k -> new ArrayList<>()).add(o);
        List<Row> out = new ArrayList<>();
        g.forEach((name, list) -> out.add(row(name, list, neg, key)));
        return out;
    }

    static Row row(String name, List<Observation> edits, double[] neg, String key) {
        int lean = 0, any = 0;
        List<Double> f1 = new ArrayList<>(), iou = new ArrayList<>(), iouFlagged = new ArrayList<>();
        for (Observation o : edits) {
            Seen s = o.byIndicator().get(INDICATOR);
            boolean l = leans(s);
            if (l) lean++;
            if (anyLean(o)) any++;
            double f = s == null ? Double.NaN : s.score("pixel_f1"), i = s == null ? Double.NaN : s.score("pixel_iou");
            f1.add(Double.isNaN(f) ? 0 : f);
            iou.add(Double.isNaN(i) ? 0 : i);
            if (l) iouFlagged.add(Double.isNaN(i) ? 0 : i);
        }
        double[] pos = scores(edits, key);
        return new Row(name, edits.size(), lean, any, mean(f1), mean(iou), median(iou), median(iouFlagged),
                Metrics.auc(pos, neg), Metrics.tprAtFpr(pos, neg, FPR));
    }

    static Negatives negatives(String name, List<Observation> of) {
        int lean = 0, any = 0;
        List<Double> outlined = new ArrayList<>();
        for (Observation o : of) {
            Seen s = o.byIndicator().get(INDICATOR);
            if (leans(s)) lean++;
            if (anyLean(o)) any++;
            double v = s == null ? Double.NaN : s.score("outlined_share");
            if (Double.isFinite(v)) outlined.add(v);
        }
        return new Negatives(name, of.size(), lean, any, mean(outlined));
    }

    static boolean leans(Seen s) {
        return s != null && s.supports() == Hypothesis.MANIPULATED;
    }

    static boolean anyLean(Observation o) {
        for (String id : PIXEL_TOOLBOX) if (leans(o.byIndicator().get(id))) return true;
        return false;
    }

    /** The score of each observation; a missing or undefined score counts as the lowest (no evidence found). */
    static double[] scores(List<Observation> obs, String key) {
        double[] v = new double[obs.size()];
        for (int i = 0; i < v.length; i++) {
            Seen s = obs.get(i).byIndicator().get(INDICATOR);
            double x = s == null ? Double.NaN : s.score(key);
            v[i] = Double.isFinite(x) ? x : -1e300;
        }
        return v;
    }

    static double mean(List<Double> v) {
        return v.isEmpty() ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The tables as markdown. */
    public static String markdown(Tables t) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Image-level score: `%s` of the localization indicator. \"Leaning\": the indicator's"
                + " verdict is \"edited\" (manipulated); \"any pixel lean\": any of %s leans so. Pixel F1 and IoU: the outlined"
                + " regions against the true mask, 0 where nothing is outlined. AUC and TPR: edits of the row against all"
                + " untouched photos and originals below (TPR at %.0f %% false alarms).%n%n", t.score,
                String.join(", ", PIXEL_TOOLBOX), 100 * FPR));
        b.append(table("By edit type", t.byType, t.all));
        b.append(table("By source (benchmark, or host photo collection)", t.bySource, t.all));
        b.append("| negatives | images | leaning \"edited\" | any pixel lean | mean outlined share |\n|---|---|---|---|---|\n");
        for (Negatives n : t.negatives) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.3f |%n", n.group, n.images, share(n.leaning, n.images),
                    share(n.anyLean, n.images), n.outlinedMean));
        }
        return b.append('\n').toString();
    }

    private static String table(String title, List<Row> rows, Row all) {
        StringBuilder b = new StringBuilder("**" + title + "**\n\n| group | edits | leaning \"edited\" | any pixel lean | pixel F1 (mean)"
                + " | IoU mean | IoU median | IoU median, flagged | AUC | TPR @5 % FA |\n|---|---|---|---|---|---|---|---|---|---|\n");
        List<Row> list = new ArrayList<>(rows);
        list.add(all);
        for (Row r : list) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.3f | %.3f | %.3f | %s | %.3f | %s |%n", r.group, r.edits,
                    share(r.leaning, r.edits), share(r.anyLean, r.edits), r.f1Mean, r.iouMean, r.iouMedian,
                    Double.isNaN(r.iouMedianFlagged) ? "-" : String.format(Locale.ROOT, "%.3f", r.iouMedianFlagged), r.auc,
                    Double.isNaN(r.tprAtFpr) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * r.tprAtFpr)));
        }
        return b.append('\n').toString();
    }

    static String share(int k, int n) {
        return String.format(Locale.ROOT, "%d/%d (%.0f %%)", k, n, n == 0 ? 0 : 100.0 * k / n);
    }

}
