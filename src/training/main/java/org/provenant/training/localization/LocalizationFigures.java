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

    /** Pixel F1 and IoU of the outline of every edit against its mask (0 where nothing is outlined), by edit type. */
    Map<String, double[]> overlapByType(FusionModel m) {
        Map<String, List<double[]>> by = new TreeMap<>();
        for (int k = 0; k < images.size(); k++) {
            ImageCells im = images.get(k);
            if (!im.edit()) continue;
            boolean[] truth = LocalizationEvaluation.readMaskOrNull(MaskedSet.mask(im.item()), im.width(), im.height());
            if (truth == null) continue;
            boolean[] pred = Regions.mask(Regions.hysteresis(edited.get(k), m.seed(), m.grow()), m.grow(), im.width(), im.height());
            Map<String, Double> o = LocalizationEvaluation.overlapOf(pred, truth);
            String type = MaskedSet.editType(im.item()).replaceAll(":.*", "");
            by.computeIfAbsent(type, x -> new ArrayList<>()).add(new double[]{o.get("pixel_f1"), o.get("pixel_iou")});
        }
        Map<String, double[]> out = new TreeMap<>();
        by.forEach((t, l) -> out.put(t, new double[]{l.size(), l.stream().mapToDouble(a -> a[0]).average().orElse(Double.NaN),
                l.stream().mapToDouble(a -> a[1]).average().orElse(Double.NaN)}));
        return out;
    }

    /** The figures in words, for the panel. */
    public String sentence(FusionModel m, VerdictCalibration cal, String what) {
        StringBuilder types = new StringBuilder();
        overlapByType(m).forEach((t, v) -> types.append(types.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                "%s %.2f/%.2f (%d)", t, v[1], v[2], (int) v[0])));
        double[] pos = scores(true), neg = scores(false);
        double auc = Metrics.auc(pos, neg);
        int lp = 0, ln = 0;
        for (double s : pos) if (cal.lr(s) >= cal.verdictLr()) lp++;
        for (double s : neg) if (cal.lr(s) >= cal.verdictLr()) ln++;
        return String.format(Locale.ROOT, "on %s, pixel F1/IoU of the outlined regions against the true masks (mean per edit, 0 where"
                        + " nothing is outlined): %s; the image-level score ranked the %d edits above the %d untouched images with ROC"
                        + " AUC %.2f, and %d of the edits (%.0f %%) against %d of the untouched images (%.1f %%) reached the verdict's LR.",
                what, types, pos.length, neg.length, auc, lp, 100.0 * lp / Math.max(1, pos.length), ln, 100.0 * ln / Math.max(1, neg.length));
    }
}
