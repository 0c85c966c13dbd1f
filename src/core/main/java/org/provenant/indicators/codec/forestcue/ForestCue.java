package org.provenant.indicators.codec.forestcue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.Score;
import org.provenant.indicators.codec.codeccolour.CodecColourCue;
import org.provenant.indicators.codec.colourcorr.ColourCorrelation;
import org.provenant.indicators.verdict.JpegTrace;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.codec.JpegAiCodec;
import org.provenant.ml.codec.NeuralCodec;
import org.provenant.ml.forest.ForestClassifier;

/**
 * What the three JPEG AI cue indicators share: their shipped random forests and codec rate points, with any
 * model problem turned into one user-facing line.
 */
public final class ForestCue {
    private ForestCue() { }

    /**
     * Cues 2 and 3 answer questions about images that went through a neural codec, and their forests saw only such
     * images (and, for cue 3, synthetic ones). Their vote becomes a verdict only where cue 1 (the colour forest) leans
     * to neural-codec compression by more than this probability; elsewhere (e.g. a camera original) the image is out
     * of the forest's domain and the verdict is inconclusive. Our choice, the colour forest's own decision boundary.
     */
    public static final double CODEC_GATE = 0.5;
    /**
     * Manifest property of the colour forest: the probability above which it calls an image neural-codec
     * compressed (and above which cues 2 and 3 may draw a verdict), chosen so that at most 5 % of camera photos and
     * classic codec outputs (JPEG, WebP, AVIF) get that verdict (models/README.md); {@link #CODEC_GATE} when absent.
     */
    public static final String VERDICT_THRESHOLD = "verdictThreshold";

    /** The colour forest's verdict threshold for this model set (see {@link #VERDICT_THRESHOLD}). */
    public static double codecThreshold(ModelRegistry models) {
        return CodecColourCue.VERDICT.calibration(models).orElseThrow().threshold();
    }

    /** Cue 1's forest vote for neural-codec compression, or NaN where it cannot be computed (grey or tiny image). */
    public static double codecProbability(FloatImage image, IndicatorContext context) throws IndicatorException {
        int b = ColourCorrelation.BLOCK;
        if (image.channels() < 3 || image.width() < b || image.height() < b) return Double.NaN;
        ForestClassifier colour = classifier(context.models(), CodecColourCue.CLASSIFIER, ColourCorrelation.FEATURE_NAMES);
        return colour.predict(ColourCorrelation.features(image, context)).probability(CodecColourCue.CODEC); // shared work
    }

    /** Whether an image with cue 1's vote {@code pCodec} lies in the domain of cues 2 and 3 (NaN: cue 1 cannot judge). */
    public static boolean inCodecDomain(double pCodec, ModelRegistry models) {
        return Double.isNaN(pCodec) || pCodec > codecThreshold(models);
    }

    /**
     * Why cues 2 and 3 may not decide on this image, or null when they may: cue 1 must see a neural codec (or be
     * unable to judge), and the image must carry no classic-JPEG trace, where cue 1 itself withholds its verdict
     * (classic JPEG raises the colour correlations that open this gate as a neural codec does). Without the JPEG
     * part cue 3 leant "generated" or "neural codec" on 9 of 147 unseen real photos and JPEG re-saves (Debian
     * wallpapers, skimage samples; `provenant batch`, issue 10 closing note).
     */
    public static String outsideCodecDomain(double pCodec, FloatImage image, IndicatorContext context)
            throws IndicatorException {
        if (!inCodecDomain(pCodec, context.models())) return outOfCodecDomain(pCodec);
        JpegTrace jpeg = JpegTrace.of(image, context);
        if (jpeg.any()) {
            return " No verdict is drawn here: " + jpeg.where() + ", and classic JPEG raises the colour correlations that"
                    + " decide whether this cue applies, as a neural codec does.";
        }
        return null;
    }

    /** The score that shows cue 1's vote beside cue 2 or 3; {@code trainedOn} names what that cue's forest saw. */
    public static Score codecGateScore(double pCodec, String trainedOn, ModelRegistry models) {
        return new Score("p_codec_gate", "Cue 1's probability of neural-codec compression", pCodec,
                "This cue's verdict is used only above " + codecThreshold(models) + ": it was trained on " + trainedOn + " only.");
    }

    /**
     * The gate of cues 2 and 3 ({@link #outsideCodecDomain}): their verdict only where cue 1 sees a neural codec (or
     * cannot judge) and no classic-JPEG trace is found.
     */
    public static final VerdictPolicy.Gate CODEC_DOMAIN = (image, context) ->
            outsideCodecDomain(codecProbability(image, context), image, context);

    /** The explanation's sentence for an image outside the codec domain. */
    public static String outOfCodecDomain(double pCodec) {
        return String.format(Locale.ROOT, " Here the colour cue gives only %.0f%% to neural-codec compression, so the image"
                + " lies outside what this forest was trained on and no verdict is drawn from it.", 100 * pCodec);
    }

    /** The explanation's sentence for a forest whose manifest states no held-out accuracy reaching the bar. */
    public static String notValidated() {
        return " No verdict is drawn: the models folder states no held-out accuracy of at least "
                + VerdictPolicy.MIN_HELD_OUT_ACCURACY + " for this forest.";
    }

    /** The verified, shared classifier {@code name}, trained on {@code features}. */
    public static ForestClassifier classifier(ModelRegistry models, String name, List<String> features)
            throws IndicatorException {
        try {
            return ForestClassifier.shared(models, name, features);
        } catch (ModelException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
    }

    /**
     * The codec the cue forests were trained on: the "codec" property of the colour forest's manifest entry
     * (written by {@code provenant train --codec}); {@link NeuralCodec#DEFAULT_CODEC} when it names none.
     */
    public static String codecId(ModelRegistry models) {
        return models.find(CodecColourCue.CLASSIFIER).map(e -> e.property("codec", NeuralCodec.DEFAULT_CODEC))
                .orElse(NeuralCodec.DEFAULT_CODEC);
    }

    /** The cues' codec in plain words, for the explanations (JPEG AI said to be the VM networks plus glue). */
    public static String codecDescription(ModelRegistry models) {
        String id = codecId(models);
        int k = ImageCodec.ratePoints(models, id).size();
        if (JpegAiCodec.ID.equals(id))
            return "JPEG AI at " + k + " rates: the JPEG AI verification-model networks with our colour conversion, tiling and"
                    + " quantization around them, not bit-exact JPEG AI (its per-channel gains and decoder-side tools are not"
                    + " in the published graphs)";
        return "JPEG AI-style YCbCr 4:2:0 pre-processing and our learned scale-hyperprior codec '" + id + "' at " + k + " rates";
    }

    /** Every rate point of the cues' codec ({@link #codecId}), strongest compression first, each verified and loaded once. */
    public static List<ImageCodec> codecs(ModelRegistry models) throws IndicatorException {
        try {
            return ImageCodec.sharedAll(models, codecId(models));
        } catch (ModelException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
    }

    /** Feature names "{prefix}_{rate point}" for each rate point of the codecs, in codec order. */
    public static List<String> perRatePoint(List<ImageCodec> codecs, List<String> perPoint) {
        List<String> out = new ArrayList<>();
        for (ImageCodec c : codecs) for (String p : perPoint) out.add(p + "_" + c.ratePoint());
        return out;
    }
}
