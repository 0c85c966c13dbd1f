package org.provenant.training.generated;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.ImageLoadException;
import org.provenant.core.io.ImageLoader;
import org.provenant.indicators.features.ResidualFeatures;
import org.provenant.ml.calibration.LogisticCalibration;
import org.provenant.ml.calibration.Metrics;
import org.provenant.ml.linear.LogisticClassifier;
import org.provenant.training.generated.DetectorData.Item;
import org.provenant.training.generated.DetectorData.Row;

/**
 * Feature extraction, grouped cross-validation and held-out figures of the generated-image detector (used by
 * {@code provenant train-detector} and by the accuracy test, which recomputes the held-out fold).
 */
public final class DetectorTraining {
    public static final String POSITIVE = "generated", NEGATIVE = "camera";

    private DetectorTraining() { }

    /** The per-image seed of the variants: the same image always gets the same crops and re-saves. */
    public static long itemSeed(Item it, long seed) {
        return seed * 31 + it.file().getFileName().toString().hashCode();
    }

    /**
     * Feature rows of every usable item (colour, at least one tile); images that cannot be used are reported on
     * {@code log} and skipped. Only the variants accepted by {@code variants} are kept.
     */
    public static List<Row> extract(Collection<Item> items, long seed, Predicate<String> variants, PrintStream log) {
        ImageLoader loader = new ImageLoader();
        List<Row> rows = new ArrayList<>();
        int done = 0, skipped = 0;
        long t0 = System.nanoTime();
        for (Item it : items) {
            FloatImage img;
            try {
                img = loader.load(it.file()).image();
            } catch (ImageLoadException e) {
                log.println("skipped " + it.file().getFileName() + ": " + e.getMessage());
                skipped++;
                continue;
            }
            if (!ResidualFeatures.applicable(img)) {
                skipped++;
                continue;
            }
            for (Map.Entry<String, FloatImage> v : DetectorData.variants(img.toRgb(), itemSeed(it, seed)).entrySet())
                if (variants.test(v.getKey()) && ResidualFeatures.applicable(v.getValue()))
                    rows.add(new Row(it, v.getKey(), ResidualFeatures.of(v.getValue())));
            if (++done % 50 == 0)
                log.printf(Locale.ROOT, "  %d images, %d rows (%.0f s)%n", done, rows.size(), (System.nanoTime() - t0) / 1e9);
        }
        log.printf(Locale.ROOT, "  %d images used, %d skipped (greyscale or under %d px), %d rows%n", done, skipped,
                ResidualFeatures.TILE, rows.size());
        return rows;
    }

    /** Trains the classifier on the rows. */
    public static LogisticClassifier fit(List<Row> rows, long seed) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (Row r : rows) {
            x.add(r.features());
            y.add(r.item().generated());
        }
        return LogisticClassifier.train(x, y, ResidualFeatures.names(), POSITIVE, NEGATIVE, seed);
    }

    /** Out-of-fold log-odds: each fold of {@code folds} scored by a model trained on the other listed folds. */
    public static double[] crossValidate(List<Row> rows, Map<String, Integer> fold, List<Integer> folds, long seed) {
        double[] s = new double[rows.size()];
        java.util.Arrays.fill(s, Double.NaN);
        for (int f : folds) {
            List<Row> train = new ArrayList<>();
            for (Row r : rows) {
                int rf = fold.get(r.item().group());
                if (rf != f && folds.contains(rf)) train.add(r);
            }
            LogisticClassifier m = fit(train, seed);
            for (int i = 0; i < rows.size(); i++)
                if (fold.get(rows.get(i).item().group()) == f) s[i] = m.logOdds(rows.get(i).features());
        }
        return s;
    }

    /** Figures of scores against truth, with a calibration and a decision threshold on the raw score. */
    public record Figures(int generated, int real, double auc, double tpr1, double tpr5, double cllr,
                          int falseAlarms, int detected) {
        public double falseAlarmRate() {
            return real == 0 ? Double.NaN : falseAlarms / (double) real;
        }

        public double detectionRate() {
            return generated == 0 ? Double.NaN : detected / (double) generated;
        }

        public String line() {
            return String.format(Locale.ROOT, "%4d gen %4d real  AUC %.3f  TPR@1%% %.3f  TPR@5%% %.3f  Cllr %.3f  "
                            + "at threshold: detected %d/%d (%.1f %%), false alarms %d/%d (%.1f %%)", generated, real, auc,
                    tpr1, tpr5, cllr, detected, generated, 100 * detectionRate(), falseAlarms, real, 100 * falseAlarmRate());
        }
    }

    /** Figures over the rows picked by {@code keep} (scores aligned with rows). */
    public static Figures figures(List<Row> rows, double[] scores, Predicate<Row> keep, LogisticCalibration cal,
                                  double threshold) {
        List<Double> pos = new ArrayList<>(), neg = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++)
            if (keep.test(rows.get(i)) && Double.isFinite(scores[i]))
                (rows.get(i).item().generated() ? pos : neg).add(scores[i]);
        double[] p = pos.stream().mapToDouble(Double::doubleValue).toArray();
        double[] n = neg.stream().mapToDouble(Double::doubleValue).toArray();
        double[] lp = new double[p.length], ln = new double[n.length];
        int det = 0, fa = 0;
        for (int i = 0; i < p.length; i++) {
            lp[i] = cal.lnLr(p[i]);
            if (p[i] > threshold) det++;
        }
        for (int i = 0; i < n.length; i++) {
            ln[i] = cal.lnLr(n[i]);
            if (n[i] > threshold) fa++;
        }
        return new Figures(p.length, n.length, Metrics.auc(p, n), Metrics.tprAtFpr(p, n, 0.01),
                Metrics.tprAtFpr(p, n, 0.05), Metrics.cllr(lp, ln), fa, det);
    }
}
