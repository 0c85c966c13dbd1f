package org.provenant.indicators.pixel.localization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.provenant.core.image.FloatMap;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * The learned fusion of the localization cues (model {@value #NAME}, models/localization/fusion.json, verified by
 * SHA-256 through the manifest): two per-cell logistic models over {@link CellFeatures}, one for "edited here" (any
 * edit) and one for "generated or re-synthesised here" (the inpaintings: generated, decoder-made, smooth and cloned
 * fills), fitted by {@code provenant fit-localization} on the training part of the synthetic edits
 * (models/training/edits); the outline thresholds, fitted on held-out edits of one fold of sources; and the figures
 * measured on the other fold, in words.
 *
 * @param edited    the per-cell model of "edited"
 * @param generated the per-cell model of "generated or re-synthesised"
 * @param seed      a region is outlined where the fused map reaches this somewhere ...
 * @param grow      ... and it extends over the connected cells at or above this
 * @param generatedSeed the same two thresholds on the generated-region map
 * @param generatedGrow
 * @param fittedOn  what the models were fitted on
 * @param measured  the held-out figures in words (pixel F1 and IoU per edit type, image-level AUC), for the panel
 */
public record FusionModel(Logistic edited, Logistic generated, double seed, double grow, double generatedSeed,
                          double generatedGrow, String fittedOn, String measured) {
    public static final String NAME = "localization-fusion";
    public static final String KIND = "localization.fusion";

    /**
     * A logistic model over named features: p = 1 / (1 + exp(-(bias + sum w_j (x_j - mean_j) / scale_j))). A feature
     * the image does not have (a cue that did not run) counts as 0.
     */
    public record Logistic(List<String> features, double[] mean, double[] scale, double[] weights, double bias) {
        /** Probability per cell. */
        public FloatMap apply(CellFeatures.Table t, int gw, int gh) {
            int[] at = new int[features.size()];
            for (int j = 0; j < at.length; j++) at[j] = t.names().indexOf(features.get(j));
            float[] out = new float[t.rows().length];
            for (int i = 0; i < out.length; i++) {
                double z = bias;
                for (int j = 0; j < at.length; j++) {
                    double x = at[j] < 0 ? 0 : t.rows()[i][at[j]];
                    z += weights[j] * (x - mean[j]) / scale[j];
                }
                out[i] = (float) (1 / (1 + Math.exp(-z)));
            }
            return new FloatMap(gw, gh, out);
        }
    }

    /** Whether either per-cell model weighs a feature of {@code cue} (named after it: "cue", "cue.up", "cue.s", ...). */
    public boolean weighs(String cue) {
        return Stream.of(edited, generated).flatMap(l -> l.features().stream()).anyMatch(f -> f.equals(cue) || f.startsWith(cue + "."));
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    public static FusionModel read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), FusionModel.class);
    }

    public void write(Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), this);
    }

    /** The installed model, verified and loaded once; empty when the manifest has none or it does not load. */
    public static Optional<FusionModel> load(ModelRegistry models) {
        if (models == null || models.find(NAME).isEmpty()) return Optional.empty();
        try {
            return Optional.of(models.cached("fusion:" + NAME, () -> {
                Path f = models.verifiedFile(NAME);
                try {
                    return read(f);
                } catch (IOException e) {
                    throw new ModelException("fusion model " + f.getFileName() + " cannot be read: " + e.getMessage(), e);
                }
            }));
        } catch (ModelException e) {
            return Optional.empty();
        }
    }
}
