package org.provenant.analysis.workflow;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Parameter;
import org.provenant.indicators.Score;

/**
 * A test indicator that counts its runs (stored results must not run it again): headline the mean of the first
 * channel plus the parameter {@code ID.shift} (hundredths), a 3x2 map with a NaN, leaning "generated" above 0.5. Shared with
 * the modules above through the core test jar.
 */
public final class CountingIndicator implements Indicator {
    public final AtomicInteger runs = new AtomicInteger();
    private final String id;

    public CountingIndicator(String id) { this.id = id; }

    @Override public String id() { return id; }
    @Override public String displayName() { return "Counting " + id; }
    @Override public String methodReference() { return "test fixture"; }
    @Override public List<Parameter> parameters() { return List.of(shift()); }

    /** {@code ID.shift}: added to the mean, in hundredths. */
    public Parameter shift() {
        return Parameter.whole(id + ".shift", "Shift", 0, 100, 1, 0, "Added to the mean, in hundredths.");
    }

    @Override public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
        runs.incrementAndGet();
        double s = 0;
        for (float v : image.plane(0)) s += v;
        double mean = s / image.pixels() + context.value(shift()) / 100.0;
        FloatMap map = new FloatMap(3, 2, new float[]{0.1f, 0.2f, Float.NaN, 0.4f, 0.5f, (float) mean});
        Score sc = new Score("mean", "Mean red", mean, "test only");
        return new IndicatorResult(id, sc, List.of(sc), List.of(new MapLayer("Test map", map, ColourScale.VIRIDIS, 0, 1,
                "0", "1", true, List.of())), "test", mean > 0.5 ? Hypothesis.GENERATED : Hypothesis.CAMERA_ORIGINAL,
                0.5 + Math.abs(mean - 0.5), new double[]{mean, Double.NaN});
    }
}
