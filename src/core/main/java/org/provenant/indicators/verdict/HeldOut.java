package org.provenant.indicators.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.ml.calibration.VerdictCalibration;

/**
 * What a verdict policy states it measured on data its calibration was not fitted on, whatever stored it (a
 * calibration file, a classifier's manifest entry, figures measured once and stated in the indicator's code), and
 * the one bar those figures must pass before the indicator may lean away from "camera original" at all:
 * <ul>
 * <li>a calibrated likelihood ratio ({@link VerdictPolicy#calibrated}, {@link VerdictPolicy#detector}): held-out ROC
 *     AUC of at least {@link VerdictCalibration#MIN_HELD_OUT_AUC}, at most {@link VerdictCalibration#MAX_FALSE_ALARM}
 *     false alarms on every held-out set of real photos, and more detections than false alarms where detections are
 *     stated;</li>
 * <li>a threshold set on real photos ({@link VerdictPolicy#threshold}): at most
 *     {@link VerdictCalibration#MAX_FALSE_ALARM} false alarms on every set of real photos stated (none stated: no
 *     verdict);</li>
 * <li>a classifier's vote ({@link VerdictPolicy#vote}): a held-out accuracy of at least
 *     {@link VerdictPolicy#MIN_HELD_OUT_ACCURACY}.</li>
 * </ul>
 *
 * @param auc              held-out ROC AUC (NaN: not stated)
 * @param cllr             held-out Cllr of the likelihood ratios (NaN: not stated)
 * @param tprAt1           held-out detection rate at 1 % false alarms (NaN: not stated)
 * @param tprAt5           the same at 5 %
 * @param accuracy         held-out accuracy of a classifier's vote (NaN: not stated)
 * @param falseAlarms      real photos that reached the verdict, one entry per held-out set (empty: not stated)
 * @param detected         positives that reached the verdict (unknown: not stated)
 * @param missed           positives that got the lean to camera original (unknown: not stated)
 */
public record HeldOut(double auc, double cllr, double tprAt1, double tprAt5, double accuracy, List<Share> falseAlarms,
                      Share detected, Share missed) {
    public HeldOut {
        falseAlarms = List.copyOf(falseAlarms);
    }

    /** A count of images that reached a verdict out of those tested ("8/27"); {@code of} 0 = not measured. */
    public record Share(int hits, int of) {
        public static final Share UNKNOWN = new Share(0, 0);

        /** hits / of; NaN when nothing was tested. */
        public double rate() {
            return of == 0 ? Double.NaN : hits / (double) of;
        }

        public boolean known() {
            return of > 0;
        }

        /** A stored rate over {@code of} images back as a count (the rate was hits / of). */
        public static Share ofRate(double rate, int of) {
            return of <= 0 || Double.isNaN(rate) ? UNKNOWN : new Share((int) Math.round(rate * of), of);
        }

        /** A count written "a/b" in a manifest property (see {@link org.provenant.ml.ModelEntry#counts}). */
        public static Share of(int[] counts) {
            return new Share(counts[0], counts[1]);
        }
    }

    /** The figures of a trained detector: discrimination, calibration cost, and its counts at the threshold. */
    public static HeldOut detector(double auc, double cllr, double tprAt1, double tprAt5, Share falseAlarms, Share detected) {
        return new HeldOut(auc, cllr, tprAt1, tprAt5, Double.NaN, List.of(falseAlarms), detected, Share.UNKNOWN);
    }

    /** Only a held-out accuracy (a classifier's vote). */
    public static HeldOut accuracy(double accuracy) {
        return new HeldOut(Double.NaN, Double.NaN, Double.NaN, Double.NaN, accuracy, List.of(), Share.UNKNOWN, Share.UNKNOWN);
    }

    /** Only false-alarm counts on real photos (a threshold set on real photos). */
    public static HeldOut falseAlarmCounts(Share... sets) {
        return new HeldOut(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(sets), Share.UNKNOWN, Share.UNKNOWN);
    }

    /** The figures of a calibration file (rates over the held-out counts). */
    public static HeldOut of(VerdictCalibration c) {
        return new HeldOut(c.heldOutAuc(), c.heldOutCllr(), Double.NaN, Double.NaN, Double.NaN,
                List.of(Share.ofRate(c.heldOutFalseAlarm(), c.heldOutNegatives())),
                Share.ofRate(c.heldOutDetection(), c.heldOutPositives()), Share.ofRate(c.heldOutMissed(), c.heldOutPositives()));
    }

    /** The first (main) held-out false-alarm count; unknown when none is stated. */
    public Share falseAlarm() {
        return falseAlarms.isEmpty() ? Share.UNKNOWN : falseAlarms.get(0);
    }

    /** The same figures with one more held-out set of real photos (ignored when it was not measured). */
    public HeldOut withFalseAlarms(Share more) {
        if (!more.known()) return this;
        List<Share> all = new ArrayList<>(falseAlarms);
        all.add(more);
        return new HeldOut(auc, cllr, tprAt1, tprAt5, accuracy, all, detected, missed);
    }

    /** Whether every stated false-alarm set was measured and stays within {@link VerdictCalibration#MAX_FALSE_ALARM}. */
    public boolean falseAlarmsWithinBar() {
        return !falseAlarms.isEmpty() && falseAlarms.stream().allMatch(s -> s.rate() <= VerdictCalibration.MAX_FALSE_ALARM);
    }

    /** The bar of a calibrated likelihood ratio (see the class comment). */
    public boolean supportsLikelihoodRatio() {
        return auc >= VerdictCalibration.MIN_HELD_OUT_AUC && falseAlarmsWithinBar()
                && (!detected.known() || detected.rate() > falseAlarm().rate());
    }

    /** The bar of a classifier's vote. */
    public boolean supportsVote() {
        return accuracy >= VerdictPolicy.MIN_HELD_OUT_ACCURACY;
    }

    /** The figures in a few words, for a finding's strength: "held-out ROC AUC 0.91, false alarms 3/87". */
    public String words() {
        List<String> w = new ArrayList<>();
        if (Double.isFinite(auc)) w.add(String.format(Locale.ROOT, "held-out ROC AUC %.2f", auc));
        if (Double.isFinite(accuracy)) w.add(String.format(Locale.ROOT, "held-out accuracy %.2f", accuracy));
        List<String> sets = falseAlarms.stream().filter(Share::known).map(f -> f.hits() + "/" + f.of()).toList();
        if (!sets.isEmpty()) w.add("false alarms " + String.join(" and ", sets) + " on unseen real photos");
        return w.isEmpty() ? "no held-out figures" : String.join(", ", w);
    }
}
