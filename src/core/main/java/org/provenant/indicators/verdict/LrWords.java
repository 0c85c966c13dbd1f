package org.provenant.indicators.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Score;
import org.provenant.ml.calibration.EnfsiScale;
import org.provenant.ml.calibration.VerdictCalibration;

/**
 * The verdict of a {@link VerdictPolicy#calibrated} policy: the likelihood ratio, its ENFSI words, the held-out
 * figures beside them, and a lean only where the held-out figures support one.
 */
final class LrWords {
    private LrWords() { }

    static Verdict noCalibration(String positive) {
        return new Verdict(Hypothesis.INCONCLUSIVE, 0.5, Double.NaN, List.of(), " No verdict is drawn: no calibration of this"
                + " score on held-out real and " + positive + " images is installed (models/calibration).", false, false, null);
    }

    static Verdict decide(VerdictPolicy.Calibration cal, double headline, Hypothesis accusing, String positive,
                          String withheld, double maxConfidence) {
        VerdictCalibration c = cal.file();
        if (!c.lrKey().equals(VerdictPolicy.lrKey(accusing))) {
            return new Verdict(Hypothesis.INCONCLUSIVE, 0.5, Double.NaN, List.of(), " No verdict is drawn: the installed"
                    + " calibration measures '" + c.hypothesis() + "', not '" + positive + "'.", false, false, null);
        }
        double lr = c.lr(headline);
        List<Score> scores = new ArrayList<>();
        String figures = String.format(Locale.ROOT, "on sources held out from its fitting (%d real photos, %d %s images) the"
                        + " score's ROC AUC was %.2f, %.1f %% of the real photos and %.1f %% of the %s images reached the verdict's"
                        + " LR of %.3g", c.heldOutNegatives(), c.heldOutPositives(), positive, c.heldOutAuc(),
                100 * c.heldOutFalseAlarm(), 100 * c.heldOutDetection(), positive, c.verdictLr());
        if (Double.isFinite(lr)) {
            scores.add(new Score(c.lrKey(), "Likelihood ratio, " + positive + " vs camera original", lr,
                    "How much more probable this score is for a " + positive + " image than for a camera original (1 = no"
                            + " support either way), from the calibration " + Calibrations.calibrationModel(c.indicator()) + "."));
        }
        scores.add(new Score("heldout_auc", "Held-out ROC AUC of the calibrated score", c.heldOutAuc(),
                "0.5 = chance, 1 = perfect; measured on sources the calibration was not fitted on."));
        scores.add(new Score("heldout_false_alarm_rate", "Held-out false-alarm rate of the verdict", c.heldOutFalseAlarm(),
                "Share of held-out real photos that reached the verdict's likelihood ratio."));
        boolean passes = lr >= c.verdictLr();
        if (!Double.isFinite(lr)) {
            return new Verdict(Hypothesis.INCONCLUSIVE, 0.5, lr, scores, " No likelihood ratio: the calibrated score is undefined"
                    + " for this image. For reference, " + figures + ".", cal.supported(), false, withheld);
        }
        String words = EnfsiScale.sentence(lr, positive, "camera original");
        if (!cal.supported()) {
            return new Verdict(Hypothesis.INCONCLUSIVE, 0.5, lr, scores, String.format(Locale.ROOT,
                    " The calibrated likelihood ratio would read %s, but %s, which does not support a verdict (it needs a"
                            + " held-out AUC of at least %.2f and at most %.0f %% false alarms), so none is drawn.", words, figures,
                    VerdictCalibration.MIN_HELD_OUT_AUC, 100 * VerdictCalibration.MAX_FALSE_ALARM), false, passes, null);
        }
        if (withheld != null) {
            return new Verdict(Hypothesis.INCONCLUSIVE, 0.5, lr, scores, String.format(Locale.ROOT,
                    " Calibrated: %s; %s. No verdict is drawn here: %s.", words, figures, withheld), true, passes, withheld);
        }
        Hypothesis h = Hypothesis.INCONCLUSIVE;
        double conf = 0.5;
        if (passes) {
            h = accusing;
            conf = lr / (1 + lr);
        } else if (Double.isFinite(c.cameraLr()) && lr <= c.cameraLr()) {
            h = Hypothesis.CAMERA_ORIGINAL;
            conf = 1 / (1 + lr);
        }
        String lean = h == accusing ? "it reaches the verdict's LR"
                : h == Hypothesis.CAMERA_ORIGINAL ? String.format(Locale.ROOT, "it is at or below %.3g, where %.1f %% of held-out %s"
                + " images fell, so it leans to camera original", c.cameraLr(), 100 * c.heldOutMissed(), positive)
                : "it lies between the two leans, so the result is inconclusive";
        return new Verdict(h, Math.min(maxConfidence, conf), lr, scores, String.format(Locale.ROOT,
                " Calibrated: %s; %s. Here %s.", words, figures, lean), true, passes, null);
    }
}
