package org.provenant.indicators.verdict;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.LogisticCalibration;
import org.provenant.ml.calibration.VerdictCalibration;

/**
 * Where a {@link VerdictPolicy} reads its calibration and held-out figures, one reader per source, and the manifest
 * keys the training commands write them under (one place for both sides).
 */
public final class Calibrations {
    /** Manifest kind of verdict calibration files ({@code provenant calibrate}). */
    public static final String CALIBRATION_KIND = "calibration.verdict";
    /**
     * Manifest property of a classifier: its held-out accuracy (e.g. leave-one-source-photo-out, written by
     * {@code provenant train}). A {@link VerdictPolicy#vote} decides a verdict only from
     * {@link VerdictPolicy#MIN_HELD_OUT_ACCURACY} on.
     */
    public static final String P_ACCURACY = "heldOutAccuracy";
    /** Manifest properties of a {@link VerdictPolicy#detector}'s calibration and held-out figures. */
    public static final String P_SLOPE = "calibrationSlope", P_INTERCEPT = "calibrationIntercept", P_THRESHOLD = "threshold",
            P_AUC = "heldoutAuc", P_TPR1 = "heldoutTprAt1", P_TPR5 = "heldoutTprAt5", P_CLLR = "heldoutCllr",
            P_FALSE_ALARMS = "heldoutFalseAlarms", P_DETECTED = "heldoutDetected";

    private Calibrations() { }

    /** The manifest name of an indicator's verdict calibration file. */
    public static String calibrationModel(String indicatorId) {
        return "calibration-" + indicatorId;
    }

    /** An indicator's calibration file, verified and loaded once; empty when the manifest has none or it fails to load. */
    static Optional<VerdictPolicy.Calibration> file(ModelRegistry models, String indicatorId) {
        String name = calibrationModel(indicatorId);
        if (models.find(name).isEmpty()) return Optional.empty();
        VerdictCalibration c;
        try {
            c = models.cached("verdict:" + name, () -> {
                var f = models.verifiedFile(name);
                try {
                    return VerdictCalibration.read(f);
                } catch (IOException e) {
                    throw new ModelException("calibration " + f.getFileName() + " cannot be read: " + e.getMessage(), e);
                }
            });
        } catch (ModelException e) {
            return Optional.empty();
        }
        HeldOut h = HeldOut.of(c);
        return Optional.of(new VerdictPolicy.Calibration(new LogisticCalibration(c.slope(), c.intercept()), Double.NaN,
                c.verdictLr(), c.cameraLr(), h, c.verdict() && h.supportsLikelihoodRatio(), c, null));
    }

    /**
     * A detector's calibration from its manifest entry; empty when the entry or its calibration is missing. Each
     * property of {@code moreFalseAlarms} ("a/b") is one more held-out set of real photos.
     */
    static Optional<VerdictPolicy.Calibration> detector(ModelRegistry models, String model, List<String> moreFalseAlarms) {
        ModelEntry e = models.find(model).orElse(null);
        if (e == null) return Optional.empty();
        double a = e.number(P_SLOPE), b = e.number(P_INTERCEPT), t = e.number(P_THRESHOLD);
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(t)) return Optional.empty();
        HeldOut h = HeldOut.detector(e.number(P_AUC), e.number(P_CLLR), e.number(P_TPR1), e.number(P_TPR5),
                HeldOut.Share.of(e.counts(P_FALSE_ALARMS)), HeldOut.Share.of(e.counts(P_DETECTED)));
        for (String p : moreFalseAlarms) h = h.withFalseAlarms(HeldOut.Share.of(e.counts(p)));
        return Optional.of(new VerdictPolicy.Calibration(new LogisticCalibration(a, b), t, Double.NaN, Double.NaN, h,
                h.supportsLikelihoodRatio(), null, e));
    }

    /**
     * The manifest properties a detector policy reads, as its training command writes them: the calibration, the
     * score threshold and the held-out figures ("%.4f" numbers, "a/b" counts).
     */
    public static Map<String, String> detectorProperties(LogisticCalibration calibration, double threshold, HeldOut heldOut) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(P_SLOPE, fmt(calibration.slope()));
        p.put(P_INTERCEPT, fmt(calibration.intercept()));
        p.put(P_THRESHOLD, fmt(threshold));
        p.put(P_AUC, fmt(heldOut.auc()));
        p.put(P_TPR1, fmt(heldOut.tprAt1()));
        p.put(P_TPR5, fmt(heldOut.tprAt5()));
        p.put(P_CLLR, fmt(heldOut.cllr()));
        p.put(P_FALSE_ALARMS, heldOut.falseAlarm().hits() + "/" + heldOut.falseAlarm().of());
        p.put(P_DETECTED, heldOut.detected().hits() + "/" + heldOut.detected().of());
        return p;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * A vote's held-out accuracy: that of classifier {@code model} (null: none), or the best of the classifiers of
     * {@code kinds}; its threshold is the number the model's entry states under {@code thresholdProperty}, else
     * {@code threshold}.
     */
    static VerdictPolicy.Calibration vote(ModelRegistry models, String model, List<String> kinds, double threshold,
                                          String thresholdProperty) {
        ModelEntry e = model == null ? null : models.find(model).orElse(null);
        double accuracy = e == null ? Double.NaN : e.number(P_ACCURACY);
        for (String k : kinds) {
            for (ModelEntry m : models.ofKind(k)) {
                double a = m.number(P_ACCURACY);
                if (Double.isNaN(accuracy) || a > accuracy) accuracy = a;
            }
        }
        double t = e == null || thresholdProperty == null ? Double.NaN : e.number(thresholdProperty);
        HeldOut h = HeldOut.accuracy(accuracy);
        return new VerdictPolicy.Calibration(null, Double.isNaN(t) ? threshold : t, Double.NaN, Double.NaN, h,
                h.supportsVote(), null, e);
    }

    /** Whether any classifier of {@code kind} states a held-out accuracy that passes the bar of a vote. */
    public static boolean supportedKind(ModelRegistry models, String kind) {
        for (ModelEntry e : models.ofKind(kind)) if (HeldOut.accuracy(e.number(P_ACCURACY)).supportsVote()) return true;
        return false;
    }

    /** A threshold with figures measured once and stated in the indicator's code. */
    static VerdictPolicy.Calibration measured(double threshold, HeldOut stated) {
        return new VerdictPolicy.Calibration(null, threshold, Double.NaN, Double.NaN, stated, stated.falseAlarmsWithinBar(),
                null, null);
    }
}
