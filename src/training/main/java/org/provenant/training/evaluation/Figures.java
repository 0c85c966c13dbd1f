package org.provenant.training.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.provenant.indicators.Hypothesis;
import org.provenant.ml.calibration.LogisticCalibration;
import org.provenant.ml.calibration.Metrics;
import org.provenant.training.evaluation.LabelledSet.Item;
import org.provenant.training.evaluation.Observations.Observation;
import org.provenant.training.evaluation.Observations.Seen;

/**
 * The figures of an evaluation, computed from observations: ROC AUC and true-positive rates at 1 % and 5 % false
 * alarms per indicator and score, Cllr of reported likelihood ratios, a source-grouped cross-validated logistic
 * calibration of each headline, the confusion of verdicts, and false alarms (any lean away from camera original on
 * a real photo) by transform and by photo source.
 */
public final class Figures {
    /** Leans that accuse: anything but camera original and inconclusive. */
    public static boolean accuses(Hypothesis h) {
        return h != null && h != Hypothesis.CAMERA_ORIGINAL && h != Hypothesis.INCONCLUSIVE;
    }

    /** The hypothesis that a positive label stands for. */
    public static Hypothesis hypothesisOf(String label) {
        return switch (label) {
            case "generated" -> Hypothesis.GENERATED;
            case "codec" -> Hypothesis.NEURAL_CODEC;
            case "edited" -> Hypothesis.MANIPULATED;
            default -> null;
        };
    }

    /** The {@code lr_*} score key (HELPERS.md convention) for a positive label. */
    public static String lrKeyOf(String label) {
        return switch (label) {
            case "generated" -> "lr_generated";
            case "codec" -> "lr_neural_codec";
            case "edited" -> "lr_edited";
            default -> null;
        };
    }

    /** Discrimination of one score for one positive label against the real photos. */
    public record Roc(String score, String label, int positives, int negatives, double auc, boolean higherAccuses,
                      double tprAt1, double tprAt5) { }

    /** Counts of a rate: {@code hits} of {@code n}. */
    public record Rate(int hits, int n) {
        public double value() { return n == 0 ? Double.NaN : hits / (double) n; }
    }

    /** A source-grouped cross-validated calibration of a score: held-out ln LRs of positives and negatives. */
    public record CrossValidated(String score, String label, int folds, double[] lnLrPositives, double[] lnLrNegatives,
                                 double cllr, double auc) { }

    /** Everything about one indicator. */
    public record IndicatorFigures(String indicator, String headline, List<Roc> rocs, Map<String, Double> cllrOfReported,
                                   List<CrossValidated> crossValidated, Map<String, Map<Hypothesis, Integer>> confusion,
                                   Map<String, Integer> failed, Rate falseAlarms, Map<String, Rate> falseAlarmsByTransform,
                                   Map<String, Rate> falseAlarmsBySource, Map<String, Double> aucBySource,
                                   Map<String, Rate> detectionBySource, double medianMillis) { }

    public static final int FOLDS = 5;

    private Figures() { }

    public static List<IndicatorFigures> compute(List<Observation> obs, List<String> indicators) {
        List<IndicatorFigures> out = new ArrayList<>();
        for (String id : indicators) out.add(forIndicator(obs, id));
        return out;
    }

    static IndicatorFigures forIndicator(List<Observation> obs, String id) {
        Set<String> labels = new TreeSet<>();
        for (Observation o : obs) labels.add(o.item().label());
        List<String> positives = labels.stream().filter(l -> !l.equals(LabelledSet.REAL)).toList();
        // score keys, in the order the indicator reports them (headline first)
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (Observation o : obs) {
            Seen s = o.byIndicator().get(id);
            if (s != null && s.ok()) keys.addAll(s.scores().keySet());
        }
        String headline = keys.isEmpty() ? null : keys.iterator().next();
        List<Roc> rocs = new ArrayList<>();
        Map<String, Double> cllr = new LinkedHashMap<>();
        List<CrossValidated> cv = new ArrayList<>();
        for (String label : positives) {
            for (String key : keys) {
                double[] p = values(obs, id, key, it -> it.label().equals(label));
                double[] n = values(obs, id, key, Item::real);
                if (Metrics.finite(p).length == 0 || Metrics.finite(n).length == 0 || constant(p, n)) continue;
                rocs.add(roc(key, label, p, n));
            }
            String lr = lrKeyOf(label);
            if (lr != null && keys.contains(lr)) {
                cllr.put(lr + " (" + label + ")", Metrics.cllr(ln(values(obs, id, lr, it -> it.label().equals(label))),
                        ln(values(obs, id, lr, Item::real))));
            }
            if (headline != null) {
                CrossValidated c = crossValidate(obs, id, headline, label);
                if (c != null) cv.add(c);
            }
        }
        Map<String, Map<Hypothesis, Integer>> confusion = new TreeMap<>();
        Map<String, Integer> failed = new TreeMap<>();
        Map<String, int[]> byTransform = new TreeMap<>(), bySource = new TreeMap<>(), detect = new TreeMap<>();
        int fa = 0, nr = 0;
        List<Long> millis = new ArrayList<>();
        for (Observation o : obs) {
            Seen s = o.byIndicator().get(id);
            if (s == null) continue;
            Item it = o.item();
            if (!s.ok()) {
                failed.merge(it.label(), 1, Integer::sum);
                continue;
            }
            millis.add(s.millis());
            confusion.computeIfAbsent(it.label(), k -> new EnumMap<>(Hypothesis.class)).merge(s.supports(), 1, Integer::sum);
            boolean acc = accuses(s.supports());
            if (it.real()) {
                nr++;
                if (acc) fa++;
                count(byTransform, it.transformGroup(), acc);
                count(bySource, it.source(), acc);
            } else {
                count(detect, it.label() + "/" + it.source(), s.supports() == hypothesisOf(it.label()));
            }
        }
        Map<String, Double> aucBySource = new TreeMap<>();
        if (headline != null) {
            double[] n = values(obs, id, headline, Item::real);
            Set<String> sources = new TreeSet<>();
            for (Observation o : obs) if (!o.item().real()) sources.add(o.item().label() + "/" + o.item().source());
            for (String src : sources) {
                double[] p = values(obs, id, headline, it -> (it.label() + "/" + it.source()).equals(src));
                Roc r = roc(headline, src, p, n);
                aucBySource.put(src, r.auc());
            }
        }
        millis.sort(Long::compare);
        double med = millis.isEmpty() ? Double.NaN : millis.get(millis.size() / 2);
        return new IndicatorFigures(id, headline, rocs, cllr, cv, confusion, failed, new Rate(fa, nr), rates(byTransform),
                rates(bySource), aucBySource, rates(detect), med);
    }

    private static void count(Map<String, int[]> m, String key, boolean hit) {
        int[] c = m.computeIfAbsent(key, k -> new int[2]);
        if (hit) c[0]++;
        c[1]++;
    }

    private static Map<String, Rate> rates(Map<String, int[]> m) {
        Map<String, Rate> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new Rate(v[0], v[1])));
        return out;
    }

    /** ROC figures with the score oriented so that the accusing side is high (orientation read from the AUC). */
    public static Roc roc(String key, String label, double[] p, double[] n) {
        double auc = Metrics.auc(p, n);
        boolean higher = !(auc < 0.5);
        double[] po = higher ? p : negate(p), no = higher ? n : negate(n);
        return new Roc(key, label, Metrics.finite(p).length, Metrics.finite(n).length, auc, higher,
                Metrics.tprAtFpr(po, no, 0.01), Metrics.tprAtFpr(po, no, 0.05));
    }

    /**
     * Logistic calibration of {@code key} for {@code label} vs real, fitted {@link #FOLDS} times, each time without
     * one fold of sources (generators and photo collections), and applied to that fold: pooled held-out ln LRs.
     */
    static CrossValidated crossValidate(List<Observation> obs, String id, String key, String label) {
        List<Item> items = new ArrayList<>();
        for (Observation o : obs) if (o.item().real() || o.item().label().equals(label)) items.add(o.item());
        Map<String, Integer> fold = SourceSplit.assign(items, FOLDS);
        List<Double> lp = new ArrayList<>(), ln = new ArrayList<>();
        for (int k = 0; k < FOLDS; k++) {
            final int kk = k;
            double[] tp = values(obs, id, key, it -> it.label().equals(label) && fold.containsKey(SourceSplit.key(it))
                    && SourceSplit.partOf(it, fold) != kk);
            double[] tn = values(obs, id, key, it -> it.real() && SourceSplit.partOf(it, fold) != kk);
            if (Metrics.finite(tp).length < 2 || Metrics.finite(tn).length < 2) return null;
            LogisticCalibration cal = LogisticCalibration.fit(tp, tn);
            for (double v : values(obs, id, key, it -> it.label().equals(label) && SourceSplit.partOf(it, fold) == kk)) {
                if (Double.isFinite(v)) lp.add(cal.lnLr(v));
            }
            for (double v : values(obs, id, key, it -> it.real() && SourceSplit.partOf(it, fold) == kk)) {
                if (Double.isFinite(v)) ln.add(cal.lnLr(v));
            }
        }
        double[] p = lp.stream().mapToDouble(Double::doubleValue).toArray();
        double[] n = ln.stream().mapToDouble(Double::doubleValue).toArray();
        if (p.length == 0 || n.length == 0) return null;
        return new CrossValidated(key, label, FOLDS, p, n, Metrics.cllr(p, n), Metrics.auc(p, n));
    }

    /** One score of one indicator over the items that pass {@code which}; NaN where absent or failed. */
    public static double[] values(List<Observation> obs, String id, String key, Predicate<Item> which) {
        List<Double> v = new ArrayList<>();
        for (Observation o : obs) {
            if (!which.test(o.item())) continue;
            Seen s = o.byIndicator().get(id);
            v.add(s == null || !s.ok() ? Double.NaN : s.score(key));
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Whether every finite value of both arrays is the same (a stated figure such as heldout_auc, no information). */
    static boolean constant(double[] p, double[] n) {
        double first = Double.NaN;
        for (double[] a : new double[][]{p, n}) {
            for (double v : a) {
                if (!Double.isFinite(v)) continue;
                if (Double.isNaN(first)) first = v;
                else if (v != first) return false;
            }
        }
        return true;
    }

    static double[] ln(double[] lr) {
        double[] o = new double[lr.length];
        for (int i = 0; i < lr.length; i++) o[i] = lr[i] > 0 ? Math.log(lr[i]) : Double.NaN;
        return o;
    }

    private static double[] negate(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = -v[i];
        return o;
    }
}
