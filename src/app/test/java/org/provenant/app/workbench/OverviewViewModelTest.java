package org.provenant.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.TestIndicators;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.jpeg.ghosts.JpegGhosts;
import org.provenant.indicators.pixel.copymove.CopyMove;

/** The Overview's state without a screen. */
class OverviewViewModelTest {
    @Test
    void cardsFollowTheAnalysisInTheFirstScreensOrder() throws Exception {
        Indicator brightness = new TestIndicators.Brightness(), ghosts = new JpegGhosts(), cm = new CopyMove();
        Indicator region = new TestIndicators.Region();
        OverviewViewModel m = new OverviewViewModel(List.of(brightness, cm, ghosts, region));
        // before any result: panel order (JPEG before PIXEL; within PIXEL by order), all still to come
        assertEquals(List.of(ghosts.id(), brightness.id(), region.id(), cm.id()), ids(m));
        assertEquals("waiting", m.cards().get(0).findingText());
        assertTrue(m.cards().stream().allMatch(c -> c.group() == OverviewViewModel.Group.PENDING));

        m.started(ghosts.id());
        assertEquals(OverviewViewModel.State.RUNNING, m.cards().get(0).state());
        FloatImage img = FloatImage.blank(64, 64, 3);
        IndicatorResult r = brightness.analyze(img, IndicatorContext.of(null));
        m.finished(new IndicatorOutcome(brightness.id(), brightness.displayName(), "", IndicatorOutcome.Status.DONE, r, null, 5));
        OverviewViewModel.Card c = m.cards().get(0);
        assertEquals(brightness.id(), c.indicatorId(), "a finding with something to say comes first");
        assertEquals(OverviewViewModel.Group.TELLING, c.group());
        assertEquals(Hypothesis.CAMERA_ORIGINAL.phrase(), c.findingText());
        assertTrue(c.figures().startsWith("Mean red: "), c.figures());
        assertNotNull(c.map());
        assertTrue(c.map().overlay(), "the small map is the first overlay");

        IndicatorResult rr = region.analyze(img, IndicatorContext.of(null));
        m.finished(new IndicatorOutcome(region.id(), region.displayName(), "", IndicatorOutcome.Status.DONE, rr, null, 5));
        m.finished(new IndicatorOutcome(cm.id(), cm.displayName(), "", IndicatorOutcome.Status.FAILED, null, "no memory", 5));
        IndicatorResult quiet = new IndicatorResult(ghosts.id(), rr.headline(), rr.scores(), List.of(), "", Hypothesis.INCONCLUSIVE,
                0.5, null);
        m.finished(new IndicatorOutcome(ghosts.id(), ghosts.displayName(), "", IndicatorOutcome.Status.DONE, quiet, null, 5));
        assertEquals(List.of(region.id(), brightness.id(), ghosts.id(), cm.id()), ids(m),
                "the stronger lean first, then the one without a verdict, the failed one last");
        assertEquals(OverviewViewModel.Group.QUIET, m.cards().get(2).group());
        assertEquals("figures only: not validated for a verdict", m.cards().get(2).findingText());
        assertEquals("failed: no memory", m.cards().get(3).findingText());
        assertNull(m.cards().get(3).map());
        m.reset();
        assertTrue(m.cards().stream().allMatch(x -> x.state() == OverviewViewModel.State.WAITING));
    }

    private static List<String> ids(OverviewViewModel m) {
        return m.cards().stream().map(OverviewViewModel.Card::indicatorId).toList();
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
