package org.provenant.indicators.forestcue;

import java.util.ArrayList;
import java.util.List;
import org.provenant.indicators.IndicatorException;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.codec.NeuralCodec;
import org.provenant.ml.forest.ForestClassifier;

/**
 * What the three JPEG AI cue indicators share: their shipped random forests and codec rate points, with any
 * model problem turned into one user-facing line.
 */
public final class ForestCue {
    private ForestCue() { }

    /** Manifest property of a classifier: its leave-one-source-photo-out accuracy, written by {@code provenant train}. */
    public static final String HELD_OUT_ACCURACY = "heldOutAccuracy";
    /**
     * A cue's forest decides a verdict only when its manifest entry states a held-out accuracy of at least this;
     * below it the cue shows its figures with an inconclusive verdict. Our choice, the same bar as LaRE's
     * ({@code LareIndicator.MIN_HELD_OUT_ACCURACY}).
     */
    public static final double MIN_HELD_OUT_ACCURACY = 0.7;

    /** The held-out accuracy the manifest states for classifier {@code name}, or NaN when it states none. */
    public static double heldOutAccuracy(ModelRegistry models, String name) {
        String v = models.find(name).map(e -> e.property(HELD_OUT_ACCURACY, "")).orElse("");
        try {
            return v.isBlank() ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Whether classifier {@code name} states a held-out accuracy of at least {@link #MIN_HELD_OUT_ACCURACY}. */
    public static boolean validated(ModelRegistry models, String name) {
        return heldOutAccuracy(models, name) >= MIN_HELD_OUT_ACCURACY;
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

    /** Every rate point of the default codec, strongest compression first, each verified and loaded once. */
    public static List<NeuralCodec> codecs(ModelRegistry models) throws IndicatorException {
        try {
            return NeuralCodec.sharedAll(models, NeuralCodec.DEFAULT_CODEC);
        } catch (ModelException e) {
            throw new IndicatorException(e.getMessage(), e);
        }
    }

    /** Feature names "{prefix}_{rate point}" for each rate point of the codecs, in codec order. */
    public static List<String> perRatePoint(List<NeuralCodec> codecs, List<String> perPoint) {
        List<String> out = new ArrayList<>();
        for (NeuralCodec c : codecs) for (String p : perPoint) out.add(p + "_" + c.ratePoint());
        return out;
    }
}
