package org.provenant.training.localization;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.provenant.training.evaluation.MaskedSet;
import org.provenant.core.image.FloatMap;
import org.provenant.training.localization.LocalizationCells.ImageCells;
import org.provenant.indicators.features.Regions;
import org.provenant.indicators.pixel.localization.FusionModel;
import org.provenant.training.calibration.WeightedLogistic;

/**
 * Fits the per-cell logistic models of {@link FusionModel} and the outline thresholds. Each image weighs the same,
 * and positives and negatives weigh the same in total (so the fitted log-odds are a log likelihood ratio at equal
 * priors); at most {@link #PER_CLASS} cells of each class are drawn from an image (seeded). A weighted logistic regression (the shared {@link WeightedLogistic}) with a
 * small ridge on standardised features.
 */
public final class FusionFitter {
    static final int PER_CLASS = 120;
    static final double RIDGE = 1e-3;
    static final long SEED = 20261206L;
    /** Cells of at least this mask share are positives; cells of share 0 negatives; those between are left out. */
    static final double POSITIVE_SHARE = 0.5;
    /** Inpainting subtypes whose region is generated or re-synthesised (the generated-region model's positives). */
    public static final List<String> GENERATED_TYPES = List.of("inpainting:generated", "inpainting:taef2", "inpainting:codec",
            "inpainting:blur", "inpainting-ai");

    private FusionFitter() { }

    /** A cell's class for a model: 1 positive, 0 negative, -1 left out. */
    @FunctionalInterface
    public interface Labeller {
        int label(ImageCells image, int cell);
    }

    /** "Edited": mask share >= 0.5 positive, 0 negative. */
    public static final Labeller EDITED = (im, i) -> {
        float t = im.truth()[i];
        return !Float.isFinite(t) ? -1 : t >= POSITIVE_SHARE ? 1 : t == 0 ? 0 : -1;
    };

    /** "Generated": edited cells of the generated inpainting types positive; untouched and other edited cells negative. */
    public static final Labeller GENERATED = (im, i) -> {
        int e = EDITED.label(im, i);
        if (e != 1) return e;
        return generatedType(im) ? 1 : 0;
    };

    static boolean generatedType(ImageCells im) {
        String t = MaskedSet.editType(im.item());
        return GENERATED_TYPES.contains(t);
    }

    public static FusionModel.Logistic fit(List<ImageCells> images, Labeller labeller) {
        List<String> names = images.get(0).table().names();
        int d = names.size();
        Random r = new Random(SEED);
        List<float[]> xs = new ArrayList<>();
        List<double[]> yw = new ArrayList<>();
        double[] classTotal = new double[2];
        List<Integer> start = new ArrayList<>();
        for (ImageCells im : images) {
            if (!im.table().names().equals(names)) throw new IllegalArgumentException("feature names differ: " + im.item().file());
            for (int cls = 0; cls <= 1; cls++) {
                List<Integer> cells = new ArrayList<>();
                for (int i = 0; i < im.truth().length; i++) if (labeller.label(im, i) == cls) cells.add(i);
                if (cells.isEmpty()) continue;
                java.util.Collections.shuffle(cells, r);
                List<Integer> take = cells.subList(0, Math.min(PER_CLASS, cells.size()));
                for (int i : take) {
                    xs.add(im.table().rows()[i]);
                    yw.add(new double[]{cls, 1.0 / take.size()});
                }
                classTotal[cls] += 1;
            }
            start.add(xs.size());
        }
        if (classTotal[0] == 0 || classTotal[1] == 0) throw new IllegalArgumentException("both classes need cells");
        int n = xs.size();
        double[] mean = new double[d], scale = new double[d];
        for (float[] x : xs) for (int j = 0; j < d; j++) mean[j] += x[j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (float[] x : xs) for (int j = 0; j < d; j++) scale[j] += (x[j] - mean[j]) * (x[j] - mean[j]);
        for (int j = 0; j < d; j++) scale[j] = Math.max(1e-6, Math.sqrt(scale[j] / n));
        double[][] z = new double[n][d];
        boolean[] y = new boolean[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            float[] x = xs.get(i);
            for (int j = 0; j < d; j++) z[i][j] = (x[j] - mean[j]) / scale[j];
            int cls = (int) yw.get(i)[0];
            y[i] = cls == 1;
            w[i] = yw.get(i)[1] * 0.5 / classTotal[cls];
        }
        WeightedLogistic.Fit fit = WeightedLogistic.fit(z, y, w, RIDGE);
        return new FusionModel.Logistic(List.copyOf(names), mean, scale, fit.weights(), fit.intercept());
    }

    /** The fused map of an image under a model. */
    public static FloatMap map(FusionModel.Logistic m, ImageCells im) {
        return m.apply(im.table(), im.gw(), im.gh());
    }

    /**
     * Mean over the edits of the cell-level IoU of the hysteresis outline (seed, grow) with the mask: cells weigh by
     * their mask share (intersection) and area; 0 for an edit where nothing is outlined.
     */
    public static double meanIou(List<FloatMap> maps, List<ImageCells> edits, double seed, double grow, IntPredicate include) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < edits.size(); k++) {
            if (!include.test(k)) continue;
            sum += cellIou(Regions.hysteresis(maps.get(k), seed, grow), edits.get(k).truth());
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** IoU of the outlined cells (finite values) with the per-cell mask share (cells of equal area). */
    public static double cellIou(FloatMap outlined, float[] truth) {
        double inter = 0, union = 0;
        float[] o = outlined.data();
        for (int i = 0; i < o.length; i++) {
            double t = Float.isFinite(truth[i]) ? truth[i] : 0;
            if (Float.isFinite(o[i])) {
                inter += t;
                union += 1;
            } else {
                union += t;
            }
        }
        return union == 0 ? 0 : inter / union;
    }

    /** The (seed, grow) pair of the grid with the highest mean IoU over the edits; ties to the higher seed. */
    public static double[] thresholds(List<FloatMap> maps, List<ImageCells> edits, IntPredicate include) {
        double[] best = {Double.NaN, Double.NaN, -1};
        for (int s = 50; s <= 95; s += 5) {
            for (int gr = 20; gr <= s; gr += 5) {
                double iou = meanIou(maps, edits, s / 100.0, gr / 100.0, include);
                if (iou >= best[2]) best = new double[]{s / 100.0, gr / 100.0, iou};
            }
        }
        return best;
    }
}
