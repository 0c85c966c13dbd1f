package org.provenant.analysis;

import java.util.Map;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.LoadedImage;

/**
 * What one analysis runs on: the pixels, the evidence file they came from (null for an image made in memory)
 * and the examiner's indicator parameters (e.g. {@code ela.quality=90}).
 */
public record AnalysisInput(FloatImage image, Evidence evidence, Map<String, String> parameters) {
    public AnalysisInput {
        if (image == null) throw new IllegalArgumentException("no image");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public static AnalysisInput of(FloatImage image) {
        return new AnalysisInput(image, null, Map.of());
    }

    public static AnalysisInput of(LoadedImage loaded) {
        return new AnalysisInput(loaded.image(), loaded.evidence(), Map.of());
    }

    public AnalysisInput withParameters(Map<String, String> p) {
        return new AnalysisInput(image, evidence, p);
    }
}
