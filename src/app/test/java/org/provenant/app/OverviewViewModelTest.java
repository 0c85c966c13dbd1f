package org.provenant.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.pixel.copymove.CopyMove;
import org.provenant.indicators.jpeg.ghosts.JpegGhosts;

/** The Overview's state without a screen. */
class OverviewViewModelTest {
    @Test
    void cardsAreGroupedByFamilyAndFollowTheAnalysis() throws Exception {
        Indicator brightness = new TestIndicators.Brightness(), ghosts = new JpegGhosts(), cm = new CopyMove();
        OverviewViewModel m = new OverviewViewModel(List.of(brightness, cm, ghosts));
        // JPEG before PIXEL (EvidenceFamily order); the test indicator's family is PIXEL, order 1 before copy-move's 63
        assertEquals(List.of(ghosts.id(), brightness.id(), cm.id()), m.cards().stream().map(OverviewViewModel.Card::indicatorId).toList());
        assertEquals(List.of(EvidenceFamily.JPEG, EvidenceFamily.PIXEL), m.families());
        assertEquals("waiting", m.cards().get(0).leanText());

        m.started(ghosts.id());
        assertEquals(OverviewViewModel.State.RUNNING, m.cards().get(0).state());
        FloatImage img = FloatImage.blank(64, 64, 3);
        IndicatorResult r = brightness.analyze(img, IndicatorContext.of(null));
        m.finished(new IndicatorOutcome(brightness.id(), brightness.displayName(), "", IndicatorOutcome.Status.DONE, r, null, 5));
        OverviewViewModel.Card c = m.cards().get(1);
        assertEquals(OverviewViewModel.State.DONE, c.state());
        assertEquals(Hypothesis.CAMERA_ORIGINAL, c.lean());
        assertTrue(c.headline().startsWith("Mean red: "), c.headline());
        assertNotNull(c.map());
        assertTrue(c.map().overlay(), "the small map is the first overlay");
        m.finished(new IndicatorOutcome(cm.id(), cm.displayName(), "", IndicatorOutcome.Status.FAILED, null, "no memory", 5));
        assertEquals("failed: no memory", m.cards().get(2).leanText());
        assertNull(m.cards().get(2).map());
        m.reset();
        assertEquals(OverviewViewModel.State.WAITING, m.cards().get(1).state());
    }

    @Test
    void anIndicatorRunAgainReplacesItsOutcomeInTheReport() {
        IndicatorOutcome a = new IndicatorOutcome("a", "A", "", IndicatorOutcome.Status.CANCELLED, null, null, 1);
        IndicatorOutcome b = new IndicatorOutcome("b", "B", "", IndicatorOutcome.Status.CANCELLED, null, null, 1);
        IndicatorOutcome b2 = new IndicatorOutcome("b", "B", "", IndicatorOutcome.Status.FAILED, null, "x", 2);
        AnalysisReport merged = OverviewViewModel.replace(new AnalysisReport(List.of(a, b), false), new AnalysisReport(List.of(b2), false));
        assertEquals(List.of(a, b2), merged.outcomes());
        assertNull(OverviewViewModel.replace(null, new AnalysisReport(List.of(b2), false)));
    }
}
