package org.provenant.indicators.codec.codeccolour;

import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.Score;
import org.provenant.indicators.codec.codecdetector.ClassicCodecGate;
import org.provenant.indicators.codec.forestcue.ForestCue;
import org.provenant.indicators.features.ChannelCorrelation;
import org.provenant.indicators.verdict.JpegTrace;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.forest.ForestClassifier;

/**
 * The domain of cues 2 and 3 (recompression, latent quantization): their forests saw only images that went through a
 * neural codec, so their vote counts only where cue 1's colour forest ({@link CodecColourCue}) sees one too.
 */
public final class CodecDomain {
    private CodecDomain() { }

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
        int b = ChannelCorrelation.BLOCK;
        if (image.channels() < 3 || image.width() < b || image.height() < b) return Double.NaN;
        ForestClassifier colour = ForestCue.classifier(context.models(), CodecColourCue.CLASSIFIER, ChannelCorrelation.FEATURE_NAMES);
        return colour.predict(ChannelCorrelation.features(image, context)).probability(CodecColourCue.CODEC); // shared work
    }

    /** Whether an image with cue 1's vote {@code pCodec} lies in the domain of cues 2 and 3 (NaN: cue 1 cannot judge). */
    public static boolean inCodecDomain(double pCodec, ModelRegistry models) {
        return Double.isNaN(pCodec) || pCodec > codecThreshold(models);
    }

    /**
     * Why cues 2 and 3 may not decide on this image, or null when they may: cue 1 must see a neural codec (or be
     * unable to judge), the image must carry no classic-JPEG trace, where cue 1 itself withholds its verdict, and it
     * must not read as an AVIF / JPEG XL / WebP decode ({@link ClassicCodecGate}, issue 21 item 5)
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
        String classic = ClassicCodecGate.GATE.withhold(image, context);   // AVIF / JPEG XL / WebP: not a neural codec
        return classic == null ? null : " No verdict is drawn here: " + classic + ".";
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
    public static final VerdictPolicy.Gate GATE = (image, context) ->
            outsideCodecDomain(codecProbability(image, context), image, context);

    /** The explanation's sentence for an image outside the codec domain. */
    public static String outOfCodecDomain(double pCodec) {
        return String.format(Locale.ROOT, " Here the colour cue gives only %.0f%% to neural-codec compression, so the image"
                + " lies outside what this forest was trained on and no verdict is drawn from it.", 100 * pCodec);
    }

}
