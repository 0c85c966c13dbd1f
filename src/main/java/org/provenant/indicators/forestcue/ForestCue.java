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
