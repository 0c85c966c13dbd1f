package org.provenant.indicators.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Finding;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.calibration.LogisticCalibration;
import org.provenant.ml.calibration.VerdictCalibration;

/**
 * How an indicator turns its score into a verdict, declared once as a constant of the indicator: the hypothesis it
 * may accuse, where its calibration and held-out figures come from, its thresholds and gates, and the words of the
 * propositions. Every indicator that leans away from "inconclusive" does so through one of these, so that every
 * lean is backed by figures measured on data the indicator was not tuned on and passes one bar ({@link HeldOut}).
 *
 * <p>Four kinds of basis, one per factory:
 * <ul>
 * <li>{@link #calibrated}: a calibrated likelihood ratio from {@code models/calibration/<indicator>.json} (fitted by
 *     {@code provenant calibrate} on a calibration split of sources, figures on the other sources). The policy adds
 *     the LR ({@code lr_*}), the held-out figures and an ENFSI-worded sentence itself. <b>Use this for a new
 *     calibrated score.</b></li>
 * <li>{@link #detector}: a trained classifier whose manifest entry states its calibration (slope, intercept, score
 *     threshold) and held-out figures ({@code provenant train-detector}, {@code train-codec-detector}).</li>
 * <li>{@link #vote}: a random forest's vote, used only when its manifest entry states a held-out accuracy of at
 *     least {@link #MIN_HELD_OUT_ACCURACY}.</li>
 * <li>{@link #threshold}: a threshold set on real photos, with the false alarms measured on held-out photos stated
 *     in the indicator's code.</li>
 * </ul>
 * A gate ({@link #unless}) withholds the lean on images where the calibration does not hold (a classic-JPEG trace,
 * an image outside a classifier's domain); the score and LR are still reported.
 *
 * <p>A new detector with a calibrated score needs three lines; the rest (loading and verifying the calibration,
 * the bar, the LR, ENFSI words, the held-out figures beside them) is done here:
 * <pre>{@code
 * public final class DecoderTrace implements Indicator {
 *     public static final String ID = "decoder-trace";
 *     // lr_generated from models/calibration/decoder-trace.json; no lean on a classic JPEG
 *     static final VerdictPolicy VERDICT = VerdictPolicy.calibrated(ID, Hypothesis.GENERATED, "generated")
 *             .unless(JpegTrace.GATE);
 *
 *     public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
 *         double score = ...;
 *         Verdict v = VERDICT.decide(score, image, context);
 *         List<Score> scores = new ArrayList<>(List.of(head));
 *         scores.addAll(v.scores());                   // lr_generated, heldout_auc, heldout_false_alarm_rate
 *         return new IndicatorResult(ID, head, scores, maps, "What the map shows." + v.sentence(),
 *                 v.supports(), v.confidence(), features);
 *     }
 * }
 * }</pre>
 * Then measure and install the calibration: {@code provenant evaluate CORPUS --only decoder-trace --out DIR} and
 * {@code provenant calibrate DIR/observations.json --indicator decoder-trace --class generated --score KEY}. Until
 * it is installed the indicator says that it draws no verdict and why.
 */
public final class VerdictPolicy implements Cloneable {
    /** Our choice, as {@link VerdictCalibration#MIN_HELD_OUT_AUC} for a likelihood ratio. */
    public static final double MIN_HELD_OUT_ACCURACY = 0.7;

    enum Basis { CALIBRATED, DETECTOR, VOTE, THRESHOLD }

    /**
     * A condition on the image under which the calibration does not hold. Returns what was found, in words (the
     * indicator quotes it), or null when the policy may lean.
     */
    @FunctionalInterface
    public interface Gate {
        String withhold(FloatImage image, IndicatorContext context) throws IndicatorException;
    }

    /**
     * What the policy's source states for this model set ({@link Calibrations} reads it).
     *
     * @param lnLr      score to natural-log LR (null: the basis has none)
     * @param threshold the score (or vote share) the lean needs (NaN for {@link #calibrated}, which uses LRs)
     * @param verdictLr LR at or above which a {@link #calibrated} policy leans to the hypothesis
     * @param cameraLr  LR at or below which it leans to camera original (NaN: never)
     * @param heldOut   the held-out figures
     * @param supported whether they pass the bar
     * @param file      the calibration file ({@link #calibrated} only)
     * @param entry     the classifier's manifest entry ({@link #detector}, {@link #vote} by name), for figures of its own
     */
    public record Calibration(LogisticCalibration lnLr, double threshold, double verdictLr, double cameraLr,
                              HeldOut heldOut, boolean supported, VerdictCalibration file, ModelEntry entry) { }

    // the declaration: set by the factories and the modifiers (each returns a copy), never changed after
    private final Basis basis;
    private final Hypothesis accusing;
    private final String positive;
    private final String source;
    private List<String> kinds = List.of();
    private double threshold = Double.NaN;
    private String thresholdProperty;
    private boolean atOrAbove;
    private Hypothesis otherwise = Hypothesis.INCONCLUSIVE;
    private double maxConfidence = 1;
    private DoubleUnaryOperator confidence;
    private HeldOut stated;
    private String measured;
    private List<String> moreFalseAlarms = List.of();
    private String trainedBy;
    private List<Gate> gates = List.of();

    private VerdictPolicy(Basis basis, Hypothesis accusing, String positive, String source) {
        this.basis = basis;
        this.accusing = accusing;
        this.positive = positive;
        this.source = source;
    }

    /** A copy of this declaration with {@code change} applied (the declaration itself never changes). */
    private VerdictPolicy with(Consumer<VerdictPolicy> change) {
        try {
            VerdictPolicy p = (VerdictPolicy) super.clone();   // shallow: every field is a value or an immutable list
            change.accept(p);
            return p;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A likelihood ratio calibrated by {@code provenant calibrate} into {@code models/calibration/<indicatorId>.json}
     * (manifest entry {@link Calibrations#calibrationModel}). It leans to {@code accusing} at or above the
     * calibration's verdict LR and to camera original at or below its camera LR, only where the held-out figures pass
     * the bar; the confidence is the posterior at even odds, at most 0.95.
     *
     * @param positive the accusing proposition in words ("generated", "neural-codec", "edited")
     */
    public static VerdictPolicy calibrated(String indicatorId, Hypothesis accusing, String positive) {
        lrKey(accusing);
        VerdictPolicy p = new VerdictPolicy(Basis.CALIBRATED, accusing, positive, indicatorId);
        p.maxConfidence = 0.95;
        return p;
    }

    /**
     * A trained classifier's log-odds, calibrated to a likelihood ratio by the figures in its manifest entry
     * ({@link Calibrations#P_SLOPE}, {@link Calibrations#P_INTERCEPT}, {@link Calibrations#P_THRESHOLD} and the held-out
     * figures). It leans to {@code accusing} where the log-odds pass the threshold and the LR exceeds 1; the
     * confidence is the posterior at even odds.
     *
     * @param trainedBy the command that trains it, named when the manifest lacks it ("provenant train-detector")
     */
    public static VerdictPolicy detector(String model, Hypothesis accusing, String positive, String trainedBy) {
        lrKey(accusing);
        VerdictPolicy p = new VerdictPolicy(Basis.DETECTOR, accusing, positive, model);
        p.trainedBy = trainedBy;
        return p;
    }

    /**
     * A classifier's vote share for {@code accusing} (a forest's, 0..1): it leans there above 0.5 ({@link #above}),
     * only when the manifest entry of {@code model} states a held-out accuracy ({@link Calibrations#P_ACCURACY}) of at
     * least {@link #MIN_HELD_OUT_ACCURACY}; the confidence is the share of the winning side.
     */
    public static VerdictPolicy vote(String model, Hypothesis accusing) {
        VerdictPolicy p = new VerdictPolicy(Basis.VOTE, accusing, null, model);
        p.threshold = 0.5;
        return p;
    }

    /** {@link #vote} over the classifiers of the given manifest kinds: supported when any of them passes the bar. */
    public static VerdictPolicy voteOfKinds(Hypothesis accusing, String... kinds) {
        VerdictPolicy p = vote(null, accusing);
        p.kinds = List.of(kinds);
        return p;
    }

    /**
     * A threshold on the score, set on real photos: it leans to {@code accusing} at or above it, when the
     * {@code heldOut} false alarms (measured on photos the threshold was not set on) pass the bar. The confidence
     * grows from 0.6 with the margin, to at most 0.9.
     *
     * @param positive what a lean means in words ("a local edit")
     * @param measured how the threshold was set and what it did on held-out photos, in words
     */
    public static VerdictPolicy threshold(Hypothesis accusing, String positive, double threshold, HeldOut heldOut,
                                          String measured) {
        VerdictPolicy p = new VerdictPolicy(Basis.THRESHOLD, accusing, positive, null);
        p.threshold = threshold;
        p.stated = heldOut;
        p.measured = measured;
        p.maxConfidence = 0.9;
        return p;
    }

    /** The same policy with one more gate. */
    public VerdictPolicy unless(Gate gate) {
        return with(p -> p.gates = plus(gates, gate));
    }

    /**
     * A {@link #vote} that leans above {@code share} (at or above it when {@code inclusive}), or above the number its
     * classifier's manifest entry states under {@code property} (null: none) when it states one.
     */
    public VerdictPolicy above(double share, String property, boolean inclusive) {
        return only(Basis.VOTE).with(p -> {
            p.threshold = share;
            p.thresholdProperty = property;
            p.atOrAbove = inclusive;
        });
    }

    /** A {@link #vote} that leans to {@code alternative} (instead of no lean) where the share does not reach the threshold. */
    public VerdictPolicy otherwise(Hypothesis alternative) {
        return only(Basis.VOTE).with(p -> p.otherwise = alternative);
    }

    /** The same policy claiming at most {@code max} confidence (e.g. models trained on stand-ins). */
    public VerdictPolicy maxConfidence(double max) {
        return with(p -> p.maxConfidence = max);
    }

    /** A {@link #threshold} policy whose confidence, when it leans, is {@code f(score)} instead of the margin rule. */
    public VerdictPolicy confidence(DoubleUnaryOperator f) {
        return only(Basis.THRESHOLD).with(p -> p.confidence = f);
    }

    /**
     * A {@link #detector} whose manifest entry also states false alarms on another set of real photos under
     * {@code property} ("a/b"); where measured, that set must pass the bar too.
     */
    public VerdictPolicy alsoFalseAlarms(String property) {
        return only(Basis.DETECTOR).with(p -> p.moreFalseAlarms = plus(moreFalseAlarms, property));
    }

    /** This policy, when it is of basis {@code b}; a modifier of another basis is a programming error. */
    private VerdictPolicy only(Basis b) {
        if (basis != b) throw new IllegalStateException("only a " + b.name().toLowerCase(Locale.ROOT) + " policy has this");
        return this;
    }

    private static <T> List<T> plus(List<T> list, T more) {
        List<T> all = new ArrayList<>(list);
        all.add(more);
        return List.copyOf(all);
    }

    public Hypothesis accusing() { return accusing; }

    /** The threshold of a {@link #threshold} or {@link #vote} policy as declared (a vote's manifest may state another). */
    public double threshold() { return threshold; }

    /** How a {@link #threshold} policy's threshold was measured, in words. */
    public String measured() { return measured; }

    /**
     * The sentence stating a {@link #threshold} policy's rule: "It leans to a local edit only at a score of 11.50 or
     * more, a threshold set on real photos (how it was measured)."
     */
    public String statement() {
        return String.format(Locale.ROOT, "It leans to %s only at a score of %.2f or more, a threshold set on real"
                + " photos (%s).", positive, threshold, measured);
    }

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

    /**
     * What the policy's source states for this model set: empty for a {@link #calibrated} policy whose file is not
     * installed (or does not load) and for a {@link #detector} whose manifest entry lacks its calibration.
     */
    public Optional<Calibration> calibration(ModelRegistry models) {
        return switch (basis) {
            case CALIBRATED -> Calibrations.file(models, source);
            case DETECTOR -> Calibrations.detector(models, source, moreFalseAlarms);
            case VOTE -> Optional.of(Calibrations.vote(models, source, kinds, threshold, thresholdProperty));
            case THRESHOLD -> Optional.of(Calibrations.measured(threshold, stated));
        };
    }

    /**
     * {@link #calibration}, or a one-line error naming what is missing and the command that makes it (for a
     * classifier that cannot run without its calibration).
     */
    public Calibration require(ModelRegistry models) throws IndicatorException {
        Optional<Calibration> c = calibration(models);
        if (c.isPresent()) return c.get();
        if (basis == Basis.DETECTOR) {
            entry(models);
            throw new IndicatorException("Model '" + source + "' has no calibration in the manifest; retrain it with `" + trainedBy + "`.");
        }
        throw new IndicatorException("No verdict calibration '" + Calibrations.calibrationModel(source)
                + "' is installed (models/calibration).");
    }

    /** The manifest entry of a {@link #detector}'s classifier, or a one-line error naming the command that trains it. */
    public ModelEntry entry(ModelRegistry models) throws IndicatorException {
        only(Basis.DETECTOR);
        return models.find(source).orElseThrow(() -> new IndicatorException("Model '" + source
                + "' is not in the model manifest; train it with `" + trainedBy + "`."));
    }

    /** Whether the figures for this model set pass the bar (false where there are none). */
    public boolean supported(ModelRegistry models) {
        Optional<Calibration> c = calibration(models);
        return c.isPresent() && c.get().supported();
    }

    /**
     * The verdict for a score: a likelihood-ratio score ({@link #calibrated}, {@link #detector}), a vote share
     * ({@link #vote}) or the statistic a {@link #threshold} was set on. NaN gives no lean. The gates are asked only
     * where the figures support a lean.
     */
    public Verdict decide(double score, FloatImage image, IndicatorContext context) throws IndicatorException {
        if (basis == Basis.CALIBRATED && calibration(context.models()).isEmpty()) return LrWords.noCalibration(positive);
        return decide(require(context.models()), score, image, context);
    }

    /** {@link #decide(double, FloatImage, IndicatorContext)} with the calibration the indicator already read. */
    public Verdict decide(Calibration c, double score, FloatImage image, IndicatorContext context) throws IndicatorException {
        String withheld = c.supported() ? gate(image, context) : null;
        return switch (basis) {
            case CALIBRATED -> LrWords.decide(c, score, accusing, positive, withheld, maxConfidence);
            case DETECTOR -> detectorVerdict(c, score, withheld);
            case VOTE -> voteVerdict(c, score, withheld);
            case THRESHOLD -> thresholdVerdict(c, score, withheld);
        };
    }

    /**
     * The decision in words ({@link Finding#ofVerdict}), with the policy's held-out figures as its strength ("figures
     * only" where they do not pass the bar, "no verdict here" where a gate withheld the lean), so that every indicator
     * with a declared verdict words it the same way: {@code result.withFinding(VERDICT.finding(v, context.models()))}.
     */
    public Finding finding(Verdict v, ModelRegistry models) {
        String strength = calibration(models).map(c -> c.heldOut().words() + (c.supported() ? "" : ", under the bar"))
                .orElse("no calibration installed");
        return Finding.ofVerdict(accusing, v.supports(), v.confidence(), v.lr(), v.supported(), asPhrase(v.withheld()), strength);
    }

    /** What a gate found, as the tail of a phrase: " Here the colour cue gives 10%." -> "the colour cue gives 10%". */
    static String asPhrase(String withheld) {
        if (withheld == null) return null;
        String w = withheld.strip();
        if (w.startsWith("Here ")) w = w.substring(5);
        if (w.length() > 1 && Character.isUpperCase(w.charAt(0)) && Character.isLowerCase(w.charAt(1))) {
            w = Character.toLowerCase(w.charAt(0)) + w.substring(1);
        }
        return w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
    }

    private String gate(FloatImage image, IndicatorContext context) throws IndicatorException {
        for (Gate g : gates) {
            String why = g.withhold(image, context);
            if (why != null) return why;
        }
        return null;
    }

    private Verdict detectorVerdict(Calibration c, double score, String withheld) {
        double lr = Math.exp(c.lnLr().lnLr(score)), p = lr / (1 + lr);
        boolean passes = score > c.threshold() && lr > 1;
        boolean lean = c.supported() && passes && withheld == null;
        return new Verdict(lean ? accusing : Hypothesis.INCONCLUSIVE, lean ? Math.min(maxConfidence, p) : 0.5, lr,
                List.of(), "", c.supported(), passes, withheld);
    }

    private Verdict voteVerdict(Calibration c, double share, String withheld) {
        boolean passes = atOrAbove ? share >= c.threshold() : share > c.threshold();
        boolean lean = c.supported() && withheld == null && !Double.isNaN(share);
        Hypothesis h = !lean ? Hypothesis.INCONCLUSIVE : passes ? accusing : otherwise;
        double conf = h == Hypothesis.INCONCLUSIVE ? 0.5 : Math.min(maxConfidence, Math.max(share, 1 - share));
        return new Verdict(h, conf, Double.NaN, List.of(), "", c.supported(), passes, withheld);
    }

    private Verdict thresholdVerdict(Calibration c, double score, String withheld) {
        boolean passes = Double.isFinite(score) && score >= c.threshold();
        boolean lean = c.supported() && passes && withheld == null;
        double conf = !lean ? 0.5 : confidence != null ? confidence.applyAsDouble(score)
                : Math.min(maxConfidence, 0.6 + 0.1 * (score - c.threshold()) / Math.max(1e-9, c.threshold()));
        return new Verdict(lean ? accusing : Hypothesis.INCONCLUSIVE, conf, Double.NaN, List.of(), "", c.supported(),
                passes, withheld);
    }
}
