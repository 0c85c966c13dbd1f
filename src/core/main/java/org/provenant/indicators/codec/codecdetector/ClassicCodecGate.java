package org.provenant.indicators.codec.codecdetector;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.features.ChannelCorrelation;
import org.provenant.indicators.features.CodecFeatures;
import org.provenant.indicators.features.ResidualFeatures;
import org.provenant.indicators.verdict.Calibrations;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.linear.LogisticClassifier;

/**
 * Classic codecs are not neural codecs (issue 21 item 5). JPEG XL's lossy mode (XYB colour, VarDCT, its smoothing
 * filters) and, less often, AVIF and WebP leave the fine detail and colour coupling that the codec detector and the
 * colour cue read as a neural decoder's. This gate is a logistic model over the detector's features (colour
 * correlations and residual co-occurrences) trained on neural-codec reconstructions of training photos (codec
 * class) against AVIF / JPEG XL / WebP decodes of training photos ({@code models/training/data/build_classic_train.py};
 * {@code provenant train-codec-detector ... --classic-gate}). Where its log-odds for "neural codec" fall below the
 * threshold its manifest entry states (set so that at most a stated share of out-of-fold neural-codec
 * reconstructions fall below it), a "neural codec" lean is withheld. No model in the manifest: no gate.
 */
public final class ClassicCodecGate {
    public static final String MODEL = "classifier-codec-classic-gate";
    /** Labels of the gate's classifier. */
    public static final String NEURAL = "codec", CLASSIC = "classic";
    /** How a withheld verdict's reason starts (the indicators phrase their explanation by it). */
    public static final String PREFIX = "the classic-codec check reads an AVIF, JPEG XL or WebP decode";

    /** The verdict gate: the reason in words where the image reads as a classic codec's decode, else null. */
    public static final VerdictPolicy.Gate GATE = (image, context) -> {
        Optional<ModelEntry> entry = context.models().find(MODEL);
        if (entry.isEmpty()) return null;
        double s = score(image, context), t = threshold(entry.get());
        if (!(s < t)) return null;   // NaN (features undefined): no classic reading, the indicators judge as before
        return String.format(Locale.ROOT, "%s (log-odds %.2f for a neural codec over a classic one, below %.2f, where %s of"
                        + " held-out neural-codec reconstructions fall), and classic codecs smooth fine detail and couple the"
                        + " colour channels as neural codecs do", PREFIX, s, t, entry.get().property("heldoutCodecBelow", "few"));
    };

    private ClassicCodecGate() { }

    /** The log-odds under which an image reads as a classic codec's decode, as the gate's manifest entry states. */
    public static double threshold(ModelEntry entry) {
        return entry.number(Calibrations.P_THRESHOLD);
    }

    /** Whether a withheld verdict's reason is this gate's. */
    public static boolean isClassic(String withheld) {
        return withheld != null && withheld.startsWith(PREFIX);
    }

    /** The gate's log-odds for "neural codec" over "classic codec" (NaN: no model, grey, tiny or flat image). */
    public static double score(FloatImage image, IndicatorContext context) throws IndicatorException {
        if (context.models().find(MODEL).isEmpty() || image.channels() < 3 || !ResidualFeatures.applicable(image)) return Double.NaN;
        double[] colour = ChannelCorrelation.features(image, context);
        if (Arrays.stream(colour).anyMatch(v -> !Double.isFinite(v))) return Double.NaN;
        double[] f = CodecFeatures.join(colour, ResidualFeatures.of(image, context));
        try {
            return LogisticClassifier.shared(context.models(), MODEL, CodecFeatures.FeatureSet.UNION.names()).logOdds(f);
        } catch (ModelException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
    }
}
