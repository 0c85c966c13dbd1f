package org.provenant.indicators.codec.codecdetector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.indicators.features.ChannelCorrelation;
import org.provenant.indicators.features.CodecFeatures;
import org.provenant.indicators.features.ResidualFeatures;
import org.provenant.indicators.verdict.HeldOut;
import org.provenant.indicators.verdict.JpegTrace;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.calibration.EnfsiScale;
import org.provenant.ml.calibration.VerdictCalibration;
import org.provenant.ml.linear.LogisticClassifier;

/**
 * Neural-codec detector across codec families: the colour-residual correlations ({@link ChannelCorrelation}) and the
 * residual co-occurrences ({@link ResidualFeatures}) into a logistic regression trained on real photos and their
 * reconstructions by several codec families ({@code provenant train-codec-detector}); the log-odds are calibrated
 * to a likelihood ratio {@code lr_neural_codec} on out-of-fold scores. Validated leave-one-codec-family-out; it
 * leans "neural codec" only above a threshold set at 1 % of real photos, when the held-out figures pass the bar of
 * {@link VerdictPolicy} ({@link #VERDICT}), and never on an image with a classic-JPEG trace.
 */
public final class CodecDetector implements Indicator {
    public static final String ID = "codec-detector";
    public static final String MODEL = "classifier-codec-detector";
    /** Manifest properties of figures of its own (beside {@link VerdictPolicy}'s calibration keys). */
    public static final String P_FEATURES = "features", P_HELD_FAMILY = "heldoutFamily",
            P_GENERATED_CALLED = "heldoutGeneratedCalledCodec", P_MEAN_AUC = "leaveOneFamilyOutMeanAuc",
            P_MIN_AUC = "leaveOneFamilyOutMinAuc", P_PER_FAMILY = "leaveOneFamilyOut";
    /**
     * Its verdict: the log-odds calibrated to an LR by its manifest entry; a lean only above the threshold set at 1 %
     * of out-of-fold real photos, where the figures on the held-out family and photo fold pass the bar, never on
     * an image with a classic-JPEG trace (classic JPEG changes the same fine detail; not validated there), and never
     * where the classic-codec check reads an AVIF / JPEG XL / WebP decode ({@link ClassicCodecGate}: before it, 45 of
     * 187 JPEG XL decodes of held-out photos leaned "neural codec").
     */
    public static final VerdictPolicy VERDICT = VerdictPolicy.detector(MODEL, Hypothesis.NEURAL_CODEC,
            "neural-codec compression", "provenant train-codec-detector").unless(JpegTrace.GATE).unless(ClassicCodecGate.GATE);

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Neural-codec detector (held-out codec families)"; }
    @Override public String methodReference() {
        return "Colour-residual correlations (arXiv 2504.03191 cue 1) and residual co-occurrences (SPAM/SRM) with logistic "
                + "regression, trained on four codec families and validated on a family left out; calibrated likelihood ratio";
    }
    @Override public int order() { return 12; }
    @Override public EvidenceFamily family() { return EvidenceFamily.CODEC; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        ModelEntry entry = VERDICT.entry(context.models());
        IndicatorResult thin = ContentCheck.check(this, image, context, ResidualFeatures.TILE);
        if (thin != null) return thin;
        if (image.channels() < 3 || !ResidualFeatures.applicable(image))
            return ContentCheck.inconclusive(ID, "No verdict: the image is greyscale or smaller than one "
                    + ResidualFeatures.TILE + " px tile; the detector was trained on colour images only.");
        VerdictPolicy.Calibration c = VERDICT.require(context.models());
        HeldOut held = c.heldOut();
        CodecFeatures.FeatureSet features = CodecFeatures.FeatureSet.valueOf(entry.property(P_FEATURES, "union").toUpperCase(Locale.ROOT));
        String family = entry.property(P_HELD_FAMILY, "?"), lofo = entry.property(P_PER_FAMILY, "");
        double lofoMeanAuc = entry.number(P_MEAN_AUC), lofoMinAuc = entry.number(P_MIN_AUC);
        HeldOut.Share fa = held.falseAlarm(), detected = held.detected(), generatedCalled = HeldOut.Share.of(entry.counts(P_GENERATED_CALLED));
        LogisticClassifier model;
        try {
            model = LogisticClassifier.shared(context.models(), MODEL, features.names());
        } catch (ModelException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
        double[] colour = ChannelCorrelation.features(image, context);
        if (Arrays.stream(colour).anyMatch(v -> !Double.isFinite(v)))
            return ContentCheck.inconclusive(ID, ContentCheck.PREFIX + "in some colour-channel pair no block has fine detail,"
                    + " so the colour features are undefined.");
        context.progress().checkCancelled();
        double[] residual = ResidualFeatures.of(image, context);
        double[] f = CodecFeatures.join(colour, residual);
        context.progress().progress(0.9);
        double s = model.logOdds(features.pick(f));
        Verdict v = VERDICT.decide(c, s, image, context);
        double lr = v.lr(), p = lr / (1 + lr);
        List<Score> scores = new ArrayList<>();
        scores.add(new Score("lr_neural_codec", "Likelihood ratio, neural-codec compressed vs camera original", lr,
                EnfsiScale.sentence(lr, "neural-codec compression", "camera original") + "; calibrated on out-of-fold photos."));
        scores.add(new Score("p_neural_codec", "Probability of neural-codec compression at even prior odds", p,
                "LR / (1 + LR): what the LR alone says when both explanations were equally likely beforehand."));
        scores.add(new Score("log_odds", "Classifier log-odds", s, String.format(Locale.ROOT,
                "raw score; a verdict needs more than %.2f (set at 1 %% false alarms on out-of-fold real photos).", c.threshold())));
        double classic = ClassicCodecGate.score(image, context);
        if (Double.isFinite(classic)) scores.add(new Score("classic_check_log_odds", "Classic-codec check: log-odds, neural codec over AVIF / JPEG XL / WebP",
                classic, String.format(Locale.ROOT, "below %.2f the image reads as a classic codec's decode and no 'neural codec' verdict is drawn"
                        + " (trained on decodes of other photos; see the explanation).", ClassicCodecGate.threshold(
                        context.models().find(ClassicCodecGate.MODEL).orElseThrow()))));
        scores.add(new Score("heldout_auc", "ROC AUC on a codec family never trained on", held.auc(), String.format(Locale.ROOT,
                "the '%s' family (held out of training) against real photos of a photo fold never trained on (1 = perfect, 0.5 = chance);"
                        + " leaving each family out in turn: mean %.2f, worst %.2f (%s).", family, lofoMeanAuc, lofoMinAuc, lofo)));
        scores.add(new Score("heldout_tpr_at_1pct", "Held-out-family detection at 1 % false alarms", held.tprAt1(), "fraction of the held-out family's outputs caught when 1 % of real photos may be flagged."));
        scores.add(new Score("heldout_tpr_at_5pct", "Held-out-family detection at 5 % false alarms", held.tprAt5(), "the same at 5 %."));
        scores.add(new Score("heldout_cllr", "Held-out Cllr", held.cllr(), "cost of the calibrated LRs on the held-out family and fold: 0 perfect, 1 no information, above 1 misleading."));
        scores.add(new Score("heldout_detection_rate", "Held-out-family detection rate at the threshold", detected.rate(),
                String.format(Locale.ROOT, "%d of %d reconstructions by the '%s' family (never trained on) passed the threshold.",
                        detected.hits(), detected.of(), family)));
        scores.add(new Score("heldout_false_alarm_rate", "Held-out false-alarm rate at the threshold", fa.rate(),
                String.format(Locale.ROOT, "%d of %d real photos of a held-out photo fold (crops, JPEG re-saves, originals) passed it; the bar is %.0f %%."
                                + " Generated images called codec there: %d of %d.",
                        fa.hits(), fa.of(), 100 * VerdictCalibration.MAX_FALSE_ALARM, generatedCalled.hits(), generatedCalled.of())));
        String verdict = v.leans() ? String.format(Locale.ROOT, "The detector leans to 'compressed by a neural codec': on a codec family it never saw it caught %.0f %% of reconstructions while %.1f %% of held-out real photos were wrongly flagged at this threshold.",
                100 * detected.rate(), 100 * fa.rate())
                : !v.supported() ? String.format(Locale.ROOT, "No verdict: on the codec family left out of training the AUC (%.2f) or the false-alarm rate (%.1f %%) misses the bar (AUC %.2f, %.0f %%).",
                held.auc(), 100 * fa.rate(), VerdictCalibration.MIN_HELD_OUT_AUC, 100 * VerdictCalibration.MAX_FALSE_ALARM)
                : v.passes() && ClassicCodecGate.isClassic(v.withheld()) ? "No verdict: " + v.withheld() + "."
                : v.passes() && v.withheld() != null ? "No verdict: " + v.withheld() + "; classic JPEG changes the same fine detail and the detector was not validated on JPEG-saved codec outputs."
                : "No verdict: the score stays below the threshold, where camera photos usually are; this does not show that the image is a camera original,"
                        + " because the detector misses codec outputs unlike those it was trained on (per family left out of training: " + lofo.replaceAll(";\\s*$", "") + ").";
        String explanation = String.format(Locale.ROOT, "A neural codec rebuilds the picture from a compact code: its colour conversion couples the"
                        + " channels' fine detail, and its synthesis network replaces sensor noise with its own texture. A camera original keeps"
                        + " sensor noise that differs between channels. The detector reads both and gives a likelihood ratio of %s: %s. %s"
                        + " Measured on a codec family left out of training ('%s'): ROC AUC %.2f, Cllr %.2f; leaving each family out in turn, AUC %.2f on average, %.2f at worst.",
                EnfsiScale.of(lr).words(), EnfsiScale.sentence(lr, "neural-codec compression", "camera original"), verdict, family,
                held.auc(), held.cllr(), lofoMeanAuc, lofoMinAuc);
        context.progress().progress(1);
        return new IndicatorResult(ID, scores.get(0), scores, List.of(), explanation, v.supports(), v.confidence(), f)
                .withFinding(VERDICT.finding(v, context.models()));
    }
}
