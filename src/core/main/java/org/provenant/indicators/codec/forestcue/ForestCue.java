package org.provenant.indicators.codec.forestcue;

import java.util.ArrayList;
import java.util.List;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.verdict.VerdictPolicy;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.codec.JpegAiCodec;
import org.provenant.ml.codec.NeuralCodec;
import org.provenant.ml.forest.ForestClassifier;

/**
 * What the three JPEG AI cue indicators share: their shipped random forests and codec rate points, with any
 * model problem turned into one user-facing line. Where cue 1 lets cues 2 and 3 decide is its own
 * ({@code codeccolour.CodecDomain}).
 */
public final class ForestCue {
    private ForestCue() { }

    /**
     * The colour forest (cue 1): its manifest entry names the codec the cue forests were trained on ({@link #codecId}).
     */
    public static final String COLOUR_CLASSIFIER = "classifier-codec-colour";

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
        return models.find(COLOUR_CLASSIFIER).map(e -> e.property("codec", NeuralCodec.DEFAULT_CODEC))
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
