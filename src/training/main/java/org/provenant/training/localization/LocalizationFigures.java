package org.provenant.training.localization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.provenant.training.evaluation.LocalizationEvaluation;
import org.provenant.training.evaluation.MaskedSet;
import org.provenant.core.image.FloatMap;
import org.provenant.training.localization.LocalizationCells.ImageCells;
import org.provenant.ml.calibration.Metrics;
import org.provenant.ml.calibration.VerdictCalibration;
import org.provenant.indicators.features.Regions;
import org.provenant.indicators.pixel.localization.FusionModel;
import org.provenant.indicators.pixel.localization.Localization;

/**
 * The fused maps of a set of images under fitted per-cell models, with what the fitting command needs from them:
 * the outline thresholds (best mean cell-level IoU over the edits), the image-level scores, and the stated figures
 * (pixel F1 and IoU of the outlines against the masks per edit type, image-level AUC, leans at the calibrated LR).
 */
public final class LocalizationFigures {
    public static final String INDICATOR = Localization.ID, SCORE = Localization.SCORE;
    private final List<ImageCells> images;
    private final List<FloatMap> edited = new ArrayList<>(), generated = new ArrayList<>();

    public LocalizationFigures(List<ImageCells> images, FusionModel.Logistic e, FusionModel.Logistic g) {
        this.images = images;
        for (ImageCells im : images) {
            edited.add(FusionFitter.map(e, im));
            generated.add(FusionFitter.map(g, im));
        }
    }

    /** {seed, grow, mean IoU} on the edits (the generated-type edits for the generated map). */
    public double[] thresholds(boolean gen) {
        List<ImageCells> ims = new ArrayList<>();
        List<FloatMap> maps = new ArrayList<>();
        for (int k = 0; k < images.size(); k++) {
            ImageCells im = images.get(k);
            if (!im.edit() || gen && !FusionFitter.generatedType(im)) continue;
            ims.add(im);
            maps.add((gen ? generated : edited).get(k));
        }
        if (ims.isEmpty()) throw new IllegalArgumentException("no edits to fit outline thresholds on");
        return FusionFitter.thresholds(maps, ims, k -> true);
    }

    /** The image-level scores of the edits (true) or of the originals and untouched photos (false). */
    public double[] scores(boolean edits) {
        List<Double> v = new ArrayList<>();
        for (int k = 0; k < images.size(); k++) {
            if (images.get(k).edit() == edits) v.add(Localization.smoothedPeak(edited.get(k)));
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Counts of the set in words. */
    public String describe() {
        long e = images.stream().filter(ImageCells::edit).count();
        long o = images.stream().filter(i -> MaskedSet.kind(i.item()).equals(MaskedSet.ORIGINAL)).count();
        long u = images.size() - e - o;
        long s = images.stream().map(i -> i.item().source()).distinct().count();
        return String.format(Locale.ROOT, "%d edits, %d originals of edits and %d untouched photos from %d sources", e, o, u, s);
    }

    /** Pixel F1 and IoU of the outline of every edit against its mask (0 where nothing is outlined); null for non-edits. */
    List<double[]> overlaps(FusionModel m) {
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < images.size(); k++) {
            ImageCells im = images.get(k);
            boolean[] truth = im.edit() ? LocalizationEvaluation.readMaskOrNull(MaskedSet.mask(im.item()), im.width(), im.height()) : null;
            if (truth == null) {
                out.add(null);
                continue;
            }
            boolean[] pred = Regions.mask(Regions.hysteresis(edited.get(k), m.seed(), m.grow()), m.grow(), im.width(), im.height());
            Map<String, Double> o = LocalizationEvaluation.overlapOf(pred, truth);
            out.add(new double[]{o.get("pixel_f1"), o.get("pixel_iou")});
        }
        return out;
    }

    /**
     * The image-level figures at the calibrated LR: how many edits, originals of edits and untouched photos reach it, the
     * ROC AUC of the score (edits against the rest), the median IoU on the edits that reach it (NaN: none) and the mean
     * pixel F1/IoU per edit type ({n, F1, IoU}).
     */
    public record Figures(int edits, int editsLeaning, int originals, int originalsLeaning, int untouched, int untouchedLeaning,
                          double auc, double medianIouLeaning, Map<String, double[]> byType) { }

    public Figures figures(FusionModel m, VerdictCalibration cal) {
        List<double[]> ov = overlaps(m);
        Map<String, List<double[]>> by = new TreeMap<>();
        List<Double> flaggedIou = new ArrayList<>();
        int[] lean = new int[3], count = new int[3];   // edits, originals, untouched
        List<Double> pos = new ArrayList<>(), neg = new ArrayList<>();
        for (int k = 0; k < images.size(); k++) {
            ImageCells im = images.get(k);
            int c = im.edit() ? 0 : MaskedSet.kind(im.item()).equals(MaskedSet.ORIGINAL) ? 1 : 2;
            double score = Localization.smoothedPeak(edited.get(k));
            boolean leans = cal.lr(score) >= cal.verdictLr();
            count[c]++;
            if (leans) lean[c]++;
            (c == 0 ? pos : neg).add(score);
            if (ov.get(k) == null) continue;
            by.computeIfAbsent(MaskedSet.editType(im.item()).replaceAll(":.*", ""), x -> new ArrayList<>()).add(ov.get(k));
            if (leans) flaggedIou.add(ov.get(k)[1]);
        }
        Map<String, double[]> types = new TreeMap<>();
        by.forEach((t, l) -> types.put(t, new double[]{l.size(), l.stream().mapToDouble(a -> a[0]).average().orElse(Double.NaN),
                l.stream().mapToDouble(a -> a[1]).average().orElse(Double.NaN)}));
        double auc = Metrics.auc(pos.stream().mapToDouble(Double::doubleValue).toArray(),
                neg.stream().mapToDouble(Double::doubleValue).toArray());
        return new Figures(count[0], lean[0], count[1], lean[1], count[2], lean[2], auc,
                flaggedIou.isEmpty() ? Double.NaN : median(flaggedIou), types);
    }

    /** The figures in words, for the panel and the command's output. */
    public String sentence(FusionModel m, VerdictCalibration cal, String what) {
        Figures f = figures(m, cal);
        StringBuilder types = new StringBuilder();
        f.byType().forEach((t, v) -> types.append(types.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                "%s %.2f/%.2f (%d)", t, v[1], v[2], (int) v[0])));
        List<String> against = new ArrayList<>();
        if (f.untouched() > 0) against.add(String.format(Locale.ROOT, "%d of the %d untouched photos (%.1f %%)", f.untouchedLeaning(),
                f.untouched(), pct(f.untouchedLeaning(), f.untouched())));
        if (f.originals() > 0) against.add(String.format(Locale.ROOT, "%d of the %d originals of the edits (%.1f %%)",
                f.originalsLeaning(), f.originals(), pct(f.originalsLeaning(), f.originals())));
        return String.format(Locale.ROOT, "on %s, pixel F1/IoU of the outlined regions against the true masks (mean per edit, 0 where"
                        + " nothing is outlined): %s; the image-level score ranked the %d edits above the %d unedited images with ROC"
                        + " AUC %.2f; %d of the edits (%.0f %%) reached the LR a verdict needs (median IoU on those %s), against %s.",
                what, types, f.edits(), f.originals() + f.untouched(), f.auc(), f.editsLeaning(), pct(f.editsLeaning(), f.edits()),
                Double.isNaN(f.medianIouLeaning()) ? "none" : String.format(Locale.ROOT, "%.2f", f.medianIouLeaning()),
                String.join(" and ", against));
    }

    private static double pct(int a, int n) {
        return 100.0 * a / Math.max(1, n);
    }

    static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
