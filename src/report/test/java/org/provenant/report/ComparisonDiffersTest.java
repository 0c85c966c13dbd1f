package org.provenant.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;

/** The comparison's "differs" rule with undefined headlines (the JPEG structure of PNG files: "not a JPEG"). */
class ComparisonDiffersTest {
    private static IndicatorOutcome outcome(double value, String meaning) {
        Score s = new Score("h", "Headline", value, meaning);
        return new IndicatorOutcome("jpeg-structure", "JPEG structure", "m", IndicatorOutcome.Status.DONE,
                new IndicatorResult("jpeg-structure", s, List.of(s), List.of(), "x", Hypothesis.INCONCLUSIVE, 0.5, null), null, 1);
    }

    @Test
    void undefinedOnAllForTheSameReasonIsAlikeOnSomeItDiffers() {
        assertFalse(PdfReport.differs(List.of(outcome(Double.NaN, "not a JPEG"), outcome(Double.NaN, "not a JPEG"))));
        assertTrue(PdfReport.differs(List.of(outcome(Double.NaN, "not a JPEG"), outcome(0.2, "evidence"))));
        assertTrue(PdfReport.differs(List.of(outcome(Double.NaN, "not a JPEG"), outcome(Double.NaN, "no file to read"))));
        assertFalse(PdfReport.differs(List.of(outcome(1.0, "e"), outcome(1.05, "e"))));
        assertTrue(PdfReport.differs(List.of(outcome(1.0, "e"), outcome(2.0, "e"))));
    }
}
