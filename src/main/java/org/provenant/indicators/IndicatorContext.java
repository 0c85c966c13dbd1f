package org.provenant.indicators;

import org.provenant.ml.ModelRegistry;

/** What an indicator may use besides the image: the verified models and the progress/cancel channel. */
public record IndicatorContext(ModelRegistry models, ProgressSink progress) {
    public static IndicatorContext of(ModelRegistry models) {
        return new IndicatorContext(models, ProgressSink.NONE);
    }

    public IndicatorContext withProgress(ProgressSink sink) {
        return new IndicatorContext(models, sink);
    }
}
