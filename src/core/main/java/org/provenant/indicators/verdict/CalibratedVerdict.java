package org.provenant.indicators.verdict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.EnfsiScale;
import org.provenant.ml.calibration.VerdictCalibration;

/**
 * Turns an indicator's headline into a measured verdict through its {@link VerdictCalibration} (model
 * {@code calibration-<indicator id>}): the likelihood ratio, its ENFSI words, the held-out figures beside them, and
 * a lean only where the held-out figures support one. Without a calibration (or with one that does not load) the
 * indicator draws no verdict and says so.
 */
public final class CalibratedVerdict {
    /** Manifest kind of verdict calibrations. */
    public static final String KIND = "calibration.verdict";

    /** The lean, its confidence, the scores to add (lr_*, held-out figures) and the sentence for the explanation. */
    public record Outcome(Hypothesis supports, double confidence, double lr, List<Score> scores, String sentence) { }

    private CalibratedVerdict() { }

    /** The score key of the likelihood ratio for an accusing hypothesis (HELPERS.md convention). */
    public static String lrKey(Hypothesis accusing) {
        return switch (accusing) {
            case GENERATED -> "lr_generated";
            case NEURAL_CODEC -> "lr_neural_codec";
            case MANIPULATED -> "lr_edited";
            case DOUBLE_COMPRESSED -> "lr_double_compressed";
            default -> throw new IllegalArgumentException(accusing + " does not accuse");
        };
    }

    public static String modelName(String indicatorId) {
        return "calibration-" + indicatorId;
    }

    /** The indicator's calibration, verified and loaded once; empty when the manifest has none or it fails to load. */
    public static Optional<VerdictCalibration> load(ModelRegistry models, String indicatorId) {
        String name = modelName(indicatorId);
        if (models.find(name).isEmpty()) return Optional.empty();
        try {
            return Optional.of(models.cached("verdict:" + name, () -> {
                var f = models.verifiedFile(name);
                try {
                    return VerdictCalibration.read(f);
                } catch (IOException e) {
                    throw new ModelException("calibration " + f.getFileName() + " cannot be read: " + e.getMessage(), e);
                }
            }));
        } catch (ModelException e) {
            return Optional.empty();
        }
    }

    /**
     * The verdict for a headline value. {@code positive} names the accusing hypothesis in the sentence ("generated");
     * {@code accusing} is its {@link Hypothesis}. A NaN headline gives no LR and an inconclusive lean.
     */
    public static Outcome apply(Optional<VerdictCalibration> calibration, double headline, Hypothesis accusing, String positive) {
        if (calibration.isEmpty()) {
            return new Outcome(Hypothesis.INCONCLUSIVE, 0.5, Double.NaN, List.of(), " No verdict is drawn: no calibration of this"
                    + " score on held-out real and " + positive + " images is installed (models/calibration).");
        }
        VerdictCalibration c = calibration.get();
        if (!c.lrKey().equals(lrKey(accusing))) {
            return new Outcome(Hypothesis.INCONCLUSIVE, 0.5, Double.NaN, List.of(), " No verdict is drawn: the installed"
                    + " calibration measures '" + c.hypothesis() + "', not '" + positive + "'.");
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
                            + " support either way), from the calibration " + modelName(c.indicator()) + "."));
        }
        scores.add(new Score("heldout_auc", "Held-out ROC AUC of the calibrated score", c.heldOutAuc(),
                "0.5 = chance, 1 = perfect; measured on sources the calibration was not fitted on."));
        scores.add(new Score("heldout_false_alarm_rate", "Held-out false-alarm rate of the verdict", c.heldOutFalseAlarm(),
                "Share of held-out real photos that reached the verdict's likelihood ratio."));
        if (!Double.isFinite(lr)) {
            return new Outcome(Hypothesis.INCONCLUSIVE, 0.5, lr, scores, " No likelihood ratio: the calibrated score is undefined"
                    + " for this image. For reference, " + figures + ".");
        }
        String words = EnfsiScale.sentence(lr, positive, "camera original");
        if (!c.verdict()) {
            return new Outcome(Hypothesis.INCONCLUSIVE, 0.5, lr, scores, String.format(Locale.ROOT,
                    " The calibrated likelihood ratio would read %s, but %s, which does not support a verdict (it needs a"
                            + " held-out AUC of at least %.2f and at most %.0f %% false alarms), so none is drawn.", words, figures,
                    VerdictCalibration.MIN_HELD_OUT_AUC, 100 * VerdictCalibration.MAX_FALSE_ALARM));
        }
        Hypothesis h = Hypothesis.INCONCLUSIVE;
        double conf = 0.5;
        if (lr >= c.verdictLr()) {
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
        return new Outcome(h, Math.min(0.95, conf), lr, scores, String.format(Locale.ROOT,
                " Calibrated: %s; %s. Here %s.", words, figures, lean));
    }
}
