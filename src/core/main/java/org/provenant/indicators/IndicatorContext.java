package org.provenant.indicators;

import java.util.Map;
import java.util.Optional;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.ml.ModelRegistry;

/**
 * What an indicator may use besides the image: the verified models, the progress/cancel channel, the evidence
 * file's bytes (absent for an image made in memory), the examiner's parameters (e.g. {@code ela.quality} from a
 * panel slider or {@code --param}; each indicator declares its own, {@link Indicator#parameters()}, and reads them
 * with {@link #value(Parameter)}) and the work shared with the other indicators
 * of the same analysis.
 *
 * @param shared may be null; {@link #shared(FloatImage)} then gives a private one
 */
public record IndicatorContext(ModelRegistry models, ProgressSink progress, Evidence evidence,
                               Map<String, String> parameters, SharedWork shared) {
    public IndicatorContext {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        progress = progress == null ? ProgressSink.NONE : progress;
    }

    public IndicatorContext(ModelRegistry models, ProgressSink progress) {
        this(models, progress, null, Map.of(), null);
    }

    public static IndicatorContext of(ModelRegistry models) {
        return new IndicatorContext(models, ProgressSink.NONE);
    }

    public IndicatorContext withProgress(ProgressSink sink) {
        return new IndicatorContext(models, sink, evidence, parameters, shared);
    }

    public IndicatorContext withEvidence(Evidence e) {
        return new IndicatorContext(models, progress, e, parameters, shared);
    }

    public IndicatorContext withParameters(Map<String, String> p) {
        return new IndicatorContext(models, progress, evidence, p, shared);
    }

    public IndicatorContext withShared(SharedWork s) {
        return new IndicatorContext(models, progress, evidence, parameters, s);
    }

    /** The evidence file, when the image came from one. */
    public Optional<Evidence> evidenceFile() {
        return Optional.ofNullable(evidence);
    }

    /**
     * The examiner's value of a declared parameter: its default when it is not set or not a number, else the value
     * rounded and clamped into the declared range (the command line refuses such values before they get here).
     */
    public int value(Parameter p) {
        return p.valueOf(parameters.get(p.key()));
    }

    /** The shared work of this analysis, or a private one for {@code image} when none was given. */
    public SharedWork shared(FloatImage image) {
        return shared != null && shared.image() == image ? shared : new SharedWork(image);
    }

    /**
     * The result of another indicator on the same image, computed at most once per analysis (a fusion indicator
     * reads the others through this).
     */
    public IndicatorResult resultOf(String indicatorId, FloatImage image) throws IndicatorException {
        return shared(image).result(indicatorId, this);
    }
}
