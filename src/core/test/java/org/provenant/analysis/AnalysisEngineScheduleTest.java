package org.provenant.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;

class AnalysisEngineScheduleTest {
    /** An indicator that only records that it ran. */
    record Fake(String id, int cost, EvidenceFamily family, List<String> log) implements Indicator {
        @Override public String displayName() { return id; }
        @Override public String methodReference() { return "test"; }
        @Override public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
            log.add(id);
            Score s = new Score("x", "x", 1, "x");
            return new IndicatorResult(id, s, List.of(s), List.of(), "ran", Hypothesis.INCONCLUSIVE, 0.5, null);
        }
    }

    @Test
    void instantFirstThenLongestFirstFusionLastAndTheReportKeepsTheCallersOrder() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Indicator> inds = List.of(new Fake("fusion", 1, EvidenceFamily.FUSION, log), new Fake("short", 2, EvidenceFamily.PIXEL, log),
                new Fake("instant", 0, EvidenceFamily.FILE, log), new Fake("long", 28, EvidenceFamily.GENERATIVE, log),
                new Fake("medium", 8, EvidenceFamily.PIXEL, log));
        assertEquals(List.of(2, 3, 4, 1, 0), AnalysisEngine.schedule(inds));
        FloatImage img = new FloatImage(8, 8, new float[][]{new float[64], new float[64], new float[64]});
        try (AnalysisEngine engine = new AnalysisEngine(ModelRegistry.empty(), 1)) {
            AnalysisReport r = engine.analyze(img, inds, AnalysisListener.NONE);
            assertEquals(List.of("instant", "long", "medium", "short", "fusion"), log, "one thread runs them in the scheduled order");
            List<String> reported = new ArrayList<>();
            for (IndicatorOutcome o : r.outcomes()) reported.add(o.indicatorId());
            assertEquals(List.of("fusion", "short", "instant", "long", "medium"), reported);
        }
    }
}
