package org.provenant.training.calibration;

import java.util.Arrays;
import org.provenant.indicators.verdict.HeldOut;
import org.provenant.ml.calibration.LogisticCalibration;
import org.provenant.ml.calibration.Metrics;
import org.provenant.ml.calibration.VerdictCalibration;

/**
 * Fits a {@link VerdictCalibration}: a logistic calibration on the calibration split, a verdict threshold set on
 * the calibration split's real photos, and every stated figure measured on the held-out split.
 */
public final class VerdictFitter {
    /**
     * Share of the calibration split's real photos allowed above the verdict threshold. Our choice: half the 5 % bar,
     * so that a held-out rate near the bar stays under it.
     */
    public static final double CALIBRATION_FALSE_ALARM = 0.02;
    /** The verdict needs at least this LR ("weak support" on the ENFSI scale starts at 2). Our choice. */
    public static final double MIN_VERDICT_LR = 2;
    /** Share of the calibration split's positives allowed at or below the camera-original threshold. Our choice. */
    public static final double CALIBRATION_MISS = 0.02;
    /** The camera-original lean needs an LR of at most this. Our choice (weak support for camera original). */
    public static final double MAX_CAMERA_LR = 0.5;

    private VerdictFitter() { }

    /** Fits and measures; NaN scores are left out of every figure. */
    public static VerdictCalibration fit(String indicator, String score, String hypothesis, String lrKey,
                                         double[] calPositives, double[] calNegatives, double[] heldPositives,
                                         double[] heldNegatives, String fittedOn, String note) {
        LogisticCalibration cal = LogisticCalibration.fit(calPositives, calNegatives);
        VerdictCalibration probe = new VerdictCalibration(indicator, score, hypothesis, lrKey, cal.slope(), cal.intercept(),
                Double.NaN, Double.NaN, false, 0, 0, 0, 0, 0, 0, 0, fittedOn, note);
        double[] lrNeg = lrs(probe, calNegatives), lrPos = lrs(probe, calPositives);
        double verdictLr = Math.max(MIN_VERDICT_LR, upperQuantile(lrNeg, CALIBRATION_FALSE_ALARM));
        double cameraLr = Math.min(MAX_CAMERA_LR, lowerQuantile(lrPos, CALIBRATION_MISS));
        double[] hp = Metrics.finite(heldPositives), hn = Metrics.finite(heldNegatives);
        double[] lhp = lrs(probe, hp), lhn = lrs(probe, hn);
        double auc = Metrics.auc(lhp, lhn);
        double cllr = Metrics.cllr(ln(lhp), ln(lhn));
        double fa = share(lhn, verdictLr, true), det = share(lhp, verdictLr, true), miss = share(lhp, cameraLr, false);
        VerdictCalibration measured = new VerdictCalibration(indicator, score, hypothesis, lrKey, cal.slope(), cal.intercept(),
                verdictLr, cameraLr, false, auc, cllr, fa, det, miss, hp.length, hn.length, fittedOn, note);
        boolean verdict = HeldOut.of(measured).supportsLikelihoodRatio();   // the bar every verdict policy uses
        return new VerdictCalibration(indicator, score, hypothesis, lrKey, cal.slope(), cal.intercept(), verdictLr, cameraLr,
                verdict, auc, cllr, fa, det, miss, hp.length, hn.length, fittedOn, note);
    }

    static double[] lrs(VerdictCalibration c, double[] scores) {
        return Arrays.stream(Metrics.finite(scores)).map(c::lr).toArray();
    }

    /** The value that at most {@code share} of {@code v} lie strictly above (the smallest such sample value). */
    static double upperQuantile(double[] v, double share) {
        double[] s = v.clone();
        Arrays.sort(s);
        if (s.length == 0) return Double.POSITIVE_INFINITY;
        int allowed = (int) Math.floor(share * s.length);
        return Math.nextUp(s[s.length - 1 - allowed]);
    }

    /** The value that at most {@code share} of {@code v} lie at or below. */
    static double lowerQuantile(double[] v, double share) {
        double[] s = v.clone();
        Arrays.sort(s);
        if (s.length == 0) return 0;
        int allowed = (int) Math.floor(share * s.length);
        return allowed == 0 ? Math.nextDown(s[0]) : s[allowed - 1];
    }

    static double share(double[] v, double t, boolean atOrAbove) {
        if (v.length == 0) return Double.NaN;
        int c = 0;
        for (double x : v) if (atOrAbove ? x >= t : x <= t) c++;
        return c / (double) v.length;
    }

    static double[] ln(double[] v) {
        return Arrays.stream(v).map(Math::log).toArray();
    }
}
