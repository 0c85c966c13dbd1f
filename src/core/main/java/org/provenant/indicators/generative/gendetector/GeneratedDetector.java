package org.provenant.indicators.generative.gendetector;

import java.util.ArrayList;
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
import org.provenant.indicators.verdict.HeldOut;
import org.provenant.indicators.verdict.JpegTrace;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.calibration.EnfsiScale;
import org.provenant.ml.calibration.VerdictCalibration;
import org.provenant.ml.linear.LogisticClassifier;
import org.provenant.indicators.features.ResidualFeatures;

/**
 * Generated-image detector: residual co-occurrence features ({@link ResidualFeatures}) into a logistic
 * regression trained on genuine generator outputs and camera photos ({@code provenant train-detector}); the
 * log-odds are calibrated to a likelihood ratio on out-of-fold scores. It leans "generated" only where the LR
 * exceeds 1, the score passes the threshold set on out-of-fold real photos, and the held-out figures pass the bar of
 * {@link VerdictPolicy} (false alarms on the held-out fold, real photos and their JPEG re-saves, at most 5 %).
 */
public final class GeneratedDetector implements Indicator {
    public static final String ID = "generated-detector";
    public static final String MODEL = "classifier-generated-detector";
    /** Manifest properties of figures of its own (beside {@link VerdictPolicy}'s calibration keys). */
    public static final String P_JPEG_DETECTED = "heldoutJpegDetected", P_WALLPAPER_FALSE_ALARMS = "wallpaperFalseAlarms",
            P_CV_AUC = "cvAuc";
    /**
     * Manifest property: out-of-fold ROC AUC on the JPEG re-saved variants (written by train-detector). Below
     * {@link VerdictCalibration#MIN_HELD_OUT_AUC} the detector draws no verdict and gives no LR on an image with a
     * classic-JPEG trace (issue 21 item 3); its raw log-odds stay, for the overall assessment's joint fusion.
     */
    public static final String P_JPEG_CV_AUC = "jpegCvAuc";
    /**
     * Its verdict: the log-odds calibrated to an LR by its manifest entry; a lean only above the threshold set on
     * out-of-fold real photos, and only where the held-out false alarms (and those on wallpaper photos never trained
     * on, where measured) pass the bar.
     */
    public static final VerdictPolicy VERDICT = VerdictPolicy.detector(MODEL, Hypothesis.GENERATED, "generated",
            "provenant train-detector").alsoFalseAlarms(P_WALLPAPER_FALSE_ALARMS).unless(GeneratedDetector::nearChanceOnJpeg);

    /** The gate of {@link #P_JPEG_CV_AUC}: why a JPEG-traced image gets no verdict, or null. */
    static String nearChanceOnJpeg(FloatImage image, IndicatorContext context) throws IndicatorException {
        JpegTrace jpeg = JpegTrace.of(image, context);
        if (!jpeg.any()) return null;
        double auc = context.models().find(MODEL).map(e -> e.number(P_JPEG_CV_AUC)).orElse(Double.NaN);
        if (auc >= VerdictCalibration.MIN_HELD_OUT_AUC) return null;
        return String.format(Locale.ROOT, "%s, and on JPEG re-saves of generators and photo sources it never trained on this"
                + " detector's ROC AUC was %s (0.5 = chance), so its score says too little here and no likelihood ratio is given",
                jpeg.where(), Double.isNaN(auc) ? "not measured" : String.format(Locale.ROOT, "%.2f", auc));
    }

    @Override public String id() { return ID; }

    @Override public String displayName() { return "Generated-image detector"; }

    @Override public String methodReference() {
        return "Residual co-occurrence features (SPAM, Pevny et al. 2010; SRM, Fridrich and Kodovsky 2012) with logistic "
                + "regression, trained on genuine generator outputs; calibrated likelihood ratio";
    }

    @Override public int order() { return 25; }
    @Override public int cost() { return 1; }

    @Override public EvidenceFamily family() { return EvidenceFamily.GENERATIVE; }
    @Override public String guidePage() { return "generated-detector.md"; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
        ModelEntry entry = VERDICT.entry(context.models());
        IndicatorResult thin = ContentCheck.check(this, image, context, ResidualFeatures.TILE);
        if (thin != null) return thin;
        if (!ResidualFeatures.applicable(image)) return notApplicable(image);
        VerdictPolicy.Calibration c = VERDICT.require(context.models());
        HeldOut held = c.heldOut();
        LogisticClassifier model;
        try {
            model = LogisticClassifier.shared(context.models(), MODEL, ResidualFeatures.names());
        } catch (ModelException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
        context.progress().checkCancelled();
        double[] f = ResidualFeatures.of(image, context);
        context.progress().progress(0.9);
        double s = model.logOdds(f);
        Verdict v = VERDICT.decide(c, s, image, context);
        boolean blind = v.withheld() != null;  // its only gate: near chance after a JPEG re-save
        if (blind) v = new Verdict(v.supports(), v.confidence(), Double.NaN, v.scores(), v.sentence(), v.supported(), v.passes(), v.withheld());
        double lr = v.lr(), p = lr / (1 + lr);
        int tiles = ResidualFeatures.tiles(image.width(), image.height()).size();
        boolean lean = v.leans();
        HeldOut.Share fa = held.falseAlarm(), wall = HeldOut.Share.of(entry.counts(P_WALLPAPER_FALSE_ALARMS)),
                jpegDetected = HeldOut.Share.of(entry.counts(P_JPEG_DETECTED));
        double cvAuc = entry.number(P_CV_AUC);
        List<Score> scores = new ArrayList<>();
        scores.add(new Score("lr_generated", "Likelihood ratio, generated vs camera original", lr, blind
                ? "none: after a JPEG re-save the score is near chance (see the explanation)."
                : EnfsiScale.sentence(lr, "generated", "camera original") + "; calibrated on held-out folds."));
        scores.add(new Score("p_generated", "Probability of 'generated' at even prior odds", p,
                "LR / (1 + LR): what the LR alone says when both explanations were equally likely beforehand."));
        scores.add(new Score("log_odds", "Classifier log-odds", s, String.format(Locale.ROOT,
                "raw score; a verdict needs more than %.2f (set at %.0f %% false alarms on out-of-fold real photos).",
                c.threshold(), 100 * 0.03)));
        scores.add(new Score("heldout_auc", "Held-out ROC AUC", held.auc(),
                "separation of generated and real images of generators and photo sources never trained on (1 = perfect, 0.5 = chance)."));
        scores.add(new Score("cv_auc", "Out-of-fold ROC AUC", cvAuc,
                "the same over the four training folds, each scored by a model fitted without it (a harder mix of real sources than the held-out fold)."));
        scores.add(new Score("heldout_tpr_at_1pct", "Held-out detection at 1 % false alarms", held.tprAt1(), "fraction of held-out generated images caught when 1 % of real photos may be flagged."));
        scores.add(new Score("heldout_tpr_at_5pct", "Held-out detection at 5 % false alarms", held.tprAt5(), "the same at 5 %."));
        scores.add(new Score("heldout_cllr", "Held-out Cllr", held.cllr(), "cost of the calibrated LRs: 0 perfect, 1 no information, above 1 misleading."));
        scores.add(new Score("heldout_false_alarm_rate", "Held-out false-alarm rate at the threshold", fa.rate(),
                String.format(Locale.ROOT, "%d of %d held-out real photo variants (as published, JPEG re-saved, downscaled) passed the threshold; the bar is %.0f %%.",
                        fa.hits(), fa.of(), 100 * VerdictCalibration.MAX_FALSE_ALARM)));
        scores.add(new Score("heldout_detection_rate", "Held-out detection rate at the threshold", held.detected().rate(),
                String.format(Locale.ROOT, "%d of %d held-out generated variants passed the threshold (%d of %d after a JPEG re-save).",
                        held.detected().hits(), held.detected().of(), jpegDetected.hits(), jpegDetected.of())));
        if (wall.known())
            scores.add(new Score("wallpaper_false_alarm_rate", "False-alarm rate on unseen photo collections", wall.rate(),
                    String.format(Locale.ROOT, "%d of %d variants of Debian wallpaper photographs (sources never trained on) passed the threshold.",
                            wall.hits(), wall.of())));
        scores.add(new Score("tiles", "Tiles analysed", tiles, ResidualFeatures.TILE + " px tiles, at most "
                + ResidualFeatures.MAX_GRID * ResidualFeatures.MAX_GRID + ", spread over the image; size and format are not features."));
        String verdict = blind ? "No verdict: " + v.withheld() + "."
                : lean ? String.format(Locale.ROOT, "The detector leans to 'generated': on held-out generators it caught %.0f %% of generated images while %.0f %% of held-out real photos (JPEG re-saves included) were wrongly flagged at this threshold.",
                100 * held.detected().rate(), 100 * fa.rate())
                : !v.supported() ? String.format(Locale.ROOT, "No verdict: the measured false-alarm rate (%s on the held-out fold, %s on unseen wallpaper photos) is above the %.0f %% bar or unknown%s.",
                pct(fa.rate()), pct(wall.rate()), 100 * VerdictCalibration.MAX_FALSE_ALARM, held.auc() >= VerdictCalibration.MIN_HELD_OUT_AUC ? ""
                        : String.format(Locale.ROOT, ", or the held-out AUC (%.2f) is below %.2f", held.auc(), VerdictCalibration.MIN_HELD_OUT_AUC))
                : "No verdict: the score stays below the threshold, where a camera photo would usually be; this does not show that the image is a camera original, because the detector misses some generated images.";
        String explanation = String.format(Locale.ROOT, "The fine noise of %d tile(s) was compared with the noise of genuine "
                        + "generator outputs and camera photos (quantised high-pass residuals and how neighbouring values co-occur). "
                        + "%s %s Measured on generators and photo sources it never saw: "
                        + "ROC AUC %.2f on the held-out fold (%.2f out-of-fold), Cllr %.2f. A JPEG re-save removes most of what it reads, "
                        + "so a low LR on a JPEG says little.",
                tiles, blind ? "" : String.format(Locale.ROOT, "The calibrated likelihood ratio is %s: %s.", EnfsiScale.of(lr).words(),
                        EnfsiScale.sentence(lr, "generated", "camera original")), verdict, held.auc(), cvAuc, held.cllr());
        context.progress().progress(1);
        return new IndicatorResult(ID, scores.get(0), scores, List.of(), explanation, v.supports(), v.confidence(), f)
                .withFinding(VERDICT.finding(v, context.models()));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "not measured" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private IndicatorResult notApplicable(FloatImage image) {
        String why = image.channels() < 3 || ResidualFeatures.isGreyInColour(image)
                ? "the image is greyscale, and the detector was trained on colour images only"
                : "the image is smaller than one " + ResidualFeatures.TILE + " px tile";
        Score head = new Score("tiles", "Tiles analysed", 0, "no likelihood ratio: " + why + ".");
        return new IndicatorResult(ID, head, List.of(head), List.of(), "No verdict: " + why + ".",
                Hypothesis.INCONCLUSIVE, 0.5, new double[0]);
    }
}
