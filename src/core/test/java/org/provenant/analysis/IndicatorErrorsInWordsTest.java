package org.provenant.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.ml.ModelRegistry;

/** Issue 14, point 4: an indicator's failure reaches the examiner as one line in words, never a class name. */
class IndicatorErrorsInWordsTest {
    private record Throwing(String id, Throwable t) implements Indicator {
        @Override public String displayName() { return id; }
        @Override public String methodReference() { return "test"; }
        @Override public IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException {
            if (t instanceof IndicatorException ie) throw ie;
            if (t instanceof RuntimeException re) throw re;
            throw (Error) t;
        }
    }

    @Test
    void failuresAreOneLineInWords() throws Exception {
        List<Indicator> inds = List.of(
                new Throwing("bug", new IllegalStateException("index 7 out of bounds for length 3")),
                new Throwing("deep", new StackOverflowError()),
                new Throwing("lines", new IndicatorException("first line\nsecond line\u001b[31m")));
        try (AnalysisEngine engine = new AnalysisEngine(ModelRegistry.empty(), 2)) {
            AnalysisReport r = engine.analyze(FloatImage.blank(8, 8, 3), inds, AnalysisListener.NONE);
            for (IndicatorOutcome o : r.outcomes()) {
                assertEquals(IndicatorOutcome.Status.FAILED, o.status(), o.indicatorId());
                String m = o.error();
                assertFalse(m.contains("\n") || m.contains("Exception") || m.contains("Error") || m.contains("java."), m);
                assertFalse(m.chars().anyMatch(Character::isISOControl), m);
            }
            assertEquals("first line", r.outcome("lines").orElseThrow().error());
            assertTrue(r.outcome("bug").orElseThrow().error().startsWith("stopped by an internal error"));
        }
    }
}
