package org.provenant.app.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.app.FxTesting;
import org.provenant.app.TestIndicators;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.common.Formats;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;
import org.testfx.api.FxToolkit;

/** The comparison's state without a window: summary rows from given results, scores text, a cancelled comparison. */
class ComparisonViewModelTest {
    private static final Indicator A = new ComparisonViewTest.Width(), FAILING = new TestIndicators.Failing();

    private static IndicatorOutcome done(String id, double v, Hypothesis h) {
        Score s = new Score("v", "V", v, "");
        return new IndicatorOutcome(id, id, "m", IndicatorOutcome.Status.DONE,
                new IndicatorResult(id, s, List.of(s), List.of(), "", h, 0.5, null), null, 1);
    }

    private static AnalysisReport report(IndicatorOutcome... outs) {
        return new AnalysisReport(List.of(outs), false);
    }

    private static List<String> texts(ComparisonSummary.Row row) {
        return row.cells().stream().map(ComparisonSummary.Cell::text).toList();
    }

    @Test
    void rowsForTwoThreeAndFourImages() {
        Hypothesis h = Hypothesis.INCONCLUSIVE;
        String a = A.id();
        // two images, the second still running: no verdict on the spread yet
        List<ComparisonSummary.Row> two = ComparisonSummary.rows(List.of(A),
                java.util.Arrays.asList(report(done(a, 0.5, h)), null), List.of(true, false));
        assertEquals(1, two.size());
        assertEquals(List.of("0.500  " + h.phrase(), "..."), texts(two.get(0)));
        assertFalse(two.get(0).differs());
        assertEquals("waiting for the analyses", two.get(0).spread());
        assertEquals(h, two.get(0).cells().get(0).lean());
        assertNull(two.get(0).cells().get(1).lean());

        // three images, all ended: the third departs
        ComparisonSummary.Row three = ComparisonSummary.rows(List.of(A),
                List.of(report(done(a, 0.20, h)), report(done(a, 0.22, h)), report(done(a, 0.90, h))), List.of(true, true, true)).get(0);
        assertTrue(three.differs());
        assertEquals(List.of(false, false, true), three.cells().stream().map(ComparisonSummary.Cell::departs).toList());
        assertEquals("DIFFER: #3 departs most; spread 0.700 (78 % of the largest)", three.spread());
        assertEquals(A.displayName(), three.name());

        // four images: one failed, one ended without running the indicator; two indicators, two rows in order
        IndicatorOutcome failed = new IndicatorOutcome(a, a, "m", IndicatorOutcome.Status.FAILED, null, "boom", 1);
        List<ComparisonSummary.Row> four = ComparisonSummary.rows(List.of(A, FAILING), List.of(report(done(a, 0.4, h)),
                report(failed), report(done(a, 0.4, h)), report()), List.of(true, true, true, true));
        assertEquals(List.of(a, FAILING.id()), four.stream().map(ComparisonSummary.Row::indicatorId).toList());
        assertEquals(List.of("0.400  " + h.phrase(), "failed", "0.400  " + h.phrase(), "not run"), texts(four.get(0)));
        assertTrue(four.get(0).differs());
        assertEquals(List.of(false, true, false, true), four.get(0).cells().stream().map(ComparisonSummary.Cell::departs).toList());
        assertTrue(four.get(0).spread().startsWith("DIFFER: #2 and #4 depart equally; not every image has a score"), four.get(0).spread());
        assertEquals(List.of("not run", "not run", "not run", "not run"), texts(four.get(1)));
        assertEquals("no image has a score", four.get(1).spread());

        // equal scores are similar, nothing departs
        ComparisonSummary.Row same = ComparisonSummary.rows(List.of(A),
                List.of(report(done(a, 0.3, h)), report(done(a, 0.3, h))), List.of(true, true)).get(0);
        assertFalse(same.differs());
        assertTrue(same.spread().startsWith("similar: spread 0"), same.spread());
    }

    @Test
    void scoresTextOfTheChosenIndicator() throws Exception {
        Indicator bright = new TestIndicators.Brightness();
        IndicatorResult r = bright.analyze(FloatImage.blank(32, 16, 3), IndicatorContext.of(null));
        AnalysisReport rep = report(new IndicatorOutcome(bright.id(), bright.displayName(), "", IndicatorOutcome.Status.DONE, r, null, 1),
                new IndicatorOutcome(FAILING.id(), FAILING.displayName(), "", IndicatorOutcome.Status.FAILED, null,
                        TestIndicators.Failing.MESSAGE, 1));
        assertEquals("Mean red: " + Formats.value(r.headline().value()) + "  - leans to " + r.supports().phrase() + "\nBlocks: 8",
                ComparisonViewModel.scoresText(bright, rep));
        assertEquals("Red per block", ComparisonViewModel.overlayMap(bright, rep).name());
        assertEquals("Test failing: failed - " + TestIndicators.Failing.MESSAGE, ComparisonViewModel.scoresText(FAILING, rep));
        assertNull(ComparisonViewModel.overlayMap(FAILING, rep));
        assertEquals("Test width: not run", ComparisonViewModel.scoresText(A, rep));
        AnalysisReport widths = report(done(A.id(), 7, Hypothesis.INCONCLUSIVE));
        assertTrue(ComparisonViewModel.scoresText(A, widths).endsWith("\n(this indicator has no map to lay over the image)"));
        assertEquals("", ComparisonViewModel.scoresText(A, null), "no report yet");
    }

    @Test
    void aCancelledComparisonEndsEveryImageAndSaysHowManyWereAnalysed() throws Exception {
        FxToolkit.registerPrimaryStage();   // the JavaFX thread runs the tasks' handlers; nothing is shown
        Path dir = Files.createTempDirectory("provenant-cmpvm-test");
        AnalysisEngine engine = new AnalysisEngine(ModelRegistry.empty(), 2);
        CaseSession session = new CaseSession(CaseFolder.open(dir.resolve("case")));
        TestIndicators.Slow slow = new TestIndicators.Slow();
        Path a = TestIndicators.writePng(dir.resolve("a.png"), 48, 32, 1), b = TestIndicators.writePng(dir.resolve("b.png"), 48, 32, 2);
        assertThrows(IllegalArgumentException.class, () -> new ComparisonViewModel(List.of(a), List.of(slow), engine, session));
        ComparisonViewModel m = fx(() -> new ComparisonViewModel(List.of(a, b, dir.resolve("missing.png")), List.of(slow, A), engine, session));
        try {
            assertEquals(slow, m.chosenProperty().get(), "the first indicator is shown at first");
            assertEquals(List.of("...", "...", "..."), texts(m.rows().get(0)));
            fxRun(m::start);
            assertEquals("Analysing 3 images...", fx(() -> m.statusProperty().get()));
            assertTrue(slow.started.await(20, TimeUnit.SECONDS));
            waitUntil(20, "the missing file ended", () -> m.items().get(2).endedProperty().get());
            assertTrue(fx(() -> m.items().get(2).unreadableProperty().get()));
            assertFalse(fx(() -> m.finishedProperty().get()));
            // cancel stops the analyses running then: wait until both images are being analysed
            waitUntil(20, "both analyses running", () -> m.items().subList(0, 2).stream()
                    .allMatch(it -> it.stateProperty().get().equals("Analysing...")));
            fxRun(m::cancel);
            waitUntil(20, "comparison finished", () -> m.finishedProperty().get());
            assertEquals("Comparison finished: 0 of 3 images analysed", fx(() -> m.statusProperty().get()));
            for (int i = 0; i < 2; i++) {
                ComparisonViewModel.Item it = m.items().get(i);
                assertEquals("Analysis cancelled", fx(() -> it.stateProperty().get()));
                assertEquals(1.0, fx(() -> it.progressProperty().get()));
                assertNull(it.report());
            }
            assertEquals(List.of("not run", "not run", "not run"), texts(fx(() -> m.rows().get(0))));
            assertTrue(fx(m::exportable), "two images opened: a report can be written (they are analysed first)");
        } finally {
            fxRun(m::dispose);
            engine.close();
            FxTesting.deleteTree(dir);
        }
    }
}
