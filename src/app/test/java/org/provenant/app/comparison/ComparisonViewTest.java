package org.provenant.app.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.FxTesting;
import org.provenant.app.TestIndicators;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.common.Formats;
import org.provenant.app.viewer.ImageViewer;
import org.provenant.app.workbench.WorkbenchApp;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.Score;
import org.provenant.ml.ModelRegistry;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The comparison view over two generated images and test indicators. */
@ExtendWith(ApplicationExtension.class)
class ComparisonViewTest {
    private AnalysisEngine engine;
    private ComparisonView view;
    private Path dir;
    private CaseSession session;
    private Stage stage;

    /** Headline = image width: equal for images of one size, so its row must not be highlighted. */
    static final class Width implements Indicator {
        @Override public String id() { return "test-width"; }
        @Override public String displayName() { return "Test width"; }
        @Override public String methodReference() { return "test fixture"; }
        @Override public int order() { return 5; }

        @Override public IndicatorResult analyze(FloatImage image, IndicatorContext context) {
            Score s = new Score("width", "Width", image.width(), "pixels");
            return new IndicatorResult(id(), s, List.of(s), List.of(), "Width of the image.", Hypothesis.INCONCLUSIVE, 0.5, null);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createTempDirectory("provenant-compare-test");
        engine = new AnalysisEngine(ModelRegistry.empty(), 2);
        // a case folder of its own: the comparison stores and reuses results there
        session = new CaseSession(org.provenant.analysis.casefolder.CaseFolder.open(dir.resolve("case")));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (view != null) fxRun(view::dispose);
        engine.close();
        FxTesting.deleteTree(dir);
    }

    private void showComparison(List<Path> images, List<Indicator> indicators) {
        fxRun(() -> {
            if (view != null) view.dispose();
            view = new ComparisonView(images, indicators, engine, session);
            stage.setScene(new Scene(view, 900, 700));
            stage.show();
        });
        waitUntil(30, "the comparison finished", () -> view.finishedProperty().get());
    }

    private long analysedEntries() throws Exception {
        return session.current().audit().entries().stream().filter(e -> e.event().equals("analysed")).count();
    }

    @Test
    void storedResultsOfTheCaseFolderAreShownWithoutAnalysingAgain() throws Exception {
        Path a = TestIndicators.writePng(dir.resolve("a.png"), 96, 64, 3), b = TestIndicators.writePng(dir.resolve("b.png"), 80, 64, 4);
        org.provenant.analysis.workflow.CountingIndicator one = new org.provenant.analysis.workflow.CountingIndicator("test-one"), two = new org.provenant.analysis.workflow.CountingIndicator("test-two");
        showComparison(List.of(a, b), List.of(one));
        assertEquals(2, one.runs.get());
        waitUntil(20, "both analyses stored", () -> {
            try {
                return analysedEntries() == 2;
            } catch (Exception e) {
                return false;
            }
        });

        showComparison(List.of(a, b), List.of(one));
        assertEquals(2, one.runs.get(), "same files, same models: nothing analysed again");
        for (ComparisonView.Entry e : fx(view::entries)) {
            assertTrue(fx(e::stateText).startsWith(ComparisonView.STORED), fx(e::stateText));
            assertTrue(e.report().outcome("test-one").orElseThrow().ok());
        }

        // an indicator without stored results: only it runs
        showComparison(List.of(a, b), List.of(one, two));
        assertEquals(2, one.runs.get());
        assertEquals(2, two.runs.get());
        for (ComparisonView.Entry e : fx(view::entries)) {
            assertTrue(fx(e::stateText).endsWith("(1 from the case folder)"), fx(e::stateText));
            assertEquals(2, e.report().outcomes().size());
        }

        // the evidence changed since it was read: analysed again (its SHA-256 differs) and the examiner is told
        TestIndicators.writePng(a, 96, 64, 99);
        showComparison(List.of(a, b), List.of(one, two));
        assertEquals(3, one.runs.get());
        assertEquals(3, two.runs.get());
        assertTrue(fx(view::statusText).contains("changed since it was last read"), fx(view::statusText));
    }

    /** A flat image with the given red level (0-255) and some noise-free texture in green. */
    private Path flat(String name, int red) throws Exception {
        BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 120; y++) for (int x = 0; x < 160; x++) img.setRGB(x, y, red << 16 | ((x * 3 + y) & 255) << 8 | 90);
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void twoImagesSideBySideSynchronisedWithTheSummaryHighlightingTheDifferingIndicator(FxRobot robot) throws Exception {
        Path reddish = flat("reddish.png", 230), dark = flat("dark.png", 20);
        fxRun(() -> {
            view = new ComparisonView(List.of(reddish, dark), List.of(new TestIndicators.Brightness(), new Width(), new TestIndicators.Failing()), engine, session);
            Scene scene = new Scene(view, 1200, 780);
            scene.getStylesheets().add(WorkbenchApp.class.getResource("/org/provenant/app/workbench.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        waitUntil(30, "both analyses finished", () -> view.finishedProperty().get());
        List<ComparisonView.Entry> entries = fx(view::entries);
        assertEquals(2, entries.size());
        for (ComparisonView.Entry e : entries) {
            assertNotNull(fx(() -> e.viewer().getImage()), "each viewer shows its image");
            assertTrue(fx(() -> e.viewer().getWidth() > 100 && e.viewer().isVisible()));
            assertNotNull(e.report());
        }

        // zoom one: the other follows; wheel over the second: the first follows
        fxRun(() -> entries.get(0).viewer().zoom(2));
        assertEquals(fx(() -> entries.get(0).viewer().getScale()), fx(() -> entries.get(1).viewer().getScale()), 1e-9);
        double before = fx(() -> entries.get(0).viewer().getScale());
        robot.moveTo(entries.get(1).viewer());
        robot.scroll(javafx.geometry.VerticalDirection.UP);
        double after = fx(() -> entries.get(0).viewer().getScale());
        assertNotEquals(before, after, "wheel over the second viewer zoomed the first too");
        assertEquals(after, fx(() -> entries.get(1).viewer().getScale()), 1e-9);
        fxRun(() -> entries.get(1).viewer().centerXProperty().set(30));
        assertEquals(30, fx(() -> entries.get(0).viewer().centerXProperty().get()), 1e-9, "pan follows");

        // the chosen indicator's map lies over every image, its scores under each
        fxRun(() -> view.indicatorChoice().setValue(view.indicatorChoice().getItems().get(0)));
        for (ComparisonView.Entry e : entries) {
            assertNotNull(fx(e::overlay), "heat map over each image");
            assertTrue(fx(e::scoresText).startsWith("Mean red: "), fx(e::scoresText));
        }
        fxRun(() -> view.indicatorChoice().setValue(view.indicatorChoice().getItems().get(1)));
        for (ComparisonView.Entry e : entries) {
            assertNull(fx(e::overlay), "the width indicator has no map");
            assertTrue(fx(e::scoresText).startsWith("Width: 160"), fx(e::scoresText));
        }

        // an indicator that failed on both images shows its error, is not highlighted and lays no map
        fxRun(() -> view.indicatorChoice().setValue(view.indicatorChoice().getItems().get(2)));
        assertTrue(fx(entries.get(0)::scoresText).contains(TestIndicators.Failing.MESSAGE), fx(entries.get(0)::scoresText));
        assertNull(fx(entries.get(0)::overlay));
        assertFalse(fx(() -> cell("#summary-test-failing-0", robot).getStyleClass().contains("summary-differs")));

        // summary: both scores, the brightness row differs and is highlighted, the width row is not
        Label red0 = cell("#summary-test-brightness-0", robot), red1 = cell("#summary-test-brightness-1", robot);
        double v0 = entries.get(0).report().outcome("test-brightness").orElseThrow().result().headline().value();
        double v1 = entries.get(1).report().outcome("test-brightness").orElseThrow().result().headline().value();
        assertTrue(v0 > 0.8 && v1 < 0.1, v0 + " " + v1);
        assertTrue(fx(red0::getText).startsWith(Formats.value(v0)), fx(red0::getText));
        assertTrue(fx(red1::getText).startsWith(Formats.value(v1)), fx(red1::getText));
        assertTrue(fx(() -> red0.getStyleClass().contains("summary-differs") && red1.getStyleClass().contains("summary-differs")));
        Label w0 = cell("#summary-test-width-0", robot);
        assertEquals("160  " + Hypothesis.INCONCLUSIVE.phrase(), fx(w0::getText));
        assertFalse(fx(() -> w0.getStyleClass().contains("summary-differs")), "equal scores are not highlighted");
        String spread = fx(cell("#summary-test-brightness-spread", robot)::getText);
        assertTrue(spread.startsWith("DIFFER"), spread);
        assertTrue(fx(cell("#summary-test-width-spread", robot)::getText).startsWith("similar: spread 0"));

        // one comparison PDF with both images
        Path pdf = Files.createDirectories(dir.resolve("reports")).resolve("comparison.pdf");
        fxRun(() -> view.setReportChooser((owner, name) -> pdf));
        robot.clickOn("#compare-export");
        waitUntil(60, "comparison report written", () -> pdf.equals(view.exportedProperty().get()));
        assertEquals("Report written: " + pdf.toAbsolutePath() + " (", fx(view::statusText).substring(0, ("Report written: " + pdf.toAbsolutePath() + " (").length()));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("reddish.png") && text.contains("dark.png"), "both images in the report");
            assertTrue(text.contains("Side-by-side summary"));
            String flat = text.replaceAll("\\s+", "");
            assertTrue(flat.contains(sha(reddish)) && flat.contains(sha(dark)));
        }
    }

    @Test
    void identicalImagesAreNotHighlightedAndOneImageIsRefused(FxRobot robot) throws Exception {
        Path a = TestIndicators.writePng(dir.resolve("a.png"), 96, 64, 3);
        Path b = Files.copy(a, dir.resolve("b.png"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ComparisonView(List.of(a), List.of(new Width()), engine, session)).getMessage().contains("2 to 4 images"));
        fxRun(() -> {
            view = new ComparisonView(List.of(a, b), List.of(new TestIndicators.Brightness()), engine, session);
            stage.setScene(new Scene(view, 900, 700));
            stage.show();
        });
        waitUntil(30, "both analyses finished", () -> view.finishedProperty().get());
        Label c0 = cell("#summary-test-brightness-0", robot), c1 = cell("#summary-test-brightness-1", robot);
        assertEquals(fx(c0::getText), fx(c1::getText));
        assertFalse(fx(() -> c0.getStyleClass().contains("summary-differs") || c1.getStyleClass().contains("summary-departs")));
        assertTrue(fx(cell("#summary-test-brightness-spread", robot)::getText).startsWith("similar"));
    }

    /**
     * A large wide image and a small square one share one zoom at which both show whole, also after the window is
     * resized: the synchronised viewers used to re-fit one by one, so the last one resized (the small image, whose
     * own fit is a large zoom) imposed its zoom on the other.
     */
    @Test
    void imagesOfOtherShapesStayWholeWhenTheWindowIsResized() throws Exception {
        Path wide = TestIndicators.writePng(dir.resolve("wide.png"), 400, 100, 5), small = TestIndicators.writePng(dir.resolve("small.png"), 40, 40, 6);
        showComparison(List.of(wide, small), List.of(new TestIndicators.Brightness()));
        for (double width : new double[]{700, 1000}) {
            fxRun(() -> stage.setWidth(width));
            waitUntil(10, "the viewers were laid out at " + width, () -> {
                for (int i = 0; i < 2; i++) {
                    ImageViewer v = (ImageViewer) view.lookup("#compare-viewer-" + i);
                    double s = v.getScale();
                    if (v.getImage() == null || s * v.getImage().getWidth() > v.getWidth() + 0.5
                            || s * v.getImage().getHeight() > v.getHeight() + 0.5) return false;
                }
                return true;
            });
        }
    }

    private static String sha(Path p) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static Label cell(String id, FxRobot robot) {
        return fx(() -> (Label) robot.lookup(id).query());
    }

    private static IndicatorOutcome done(double v, Hypothesis h) {
        Score s = new Score("v", "V", v, "");
        return new IndicatorOutcome("x", "X", "m", IndicatorOutcome.Status.DONE,
                new IndicatorResult("x", s, List.of(s), List.of(), "", h, 0.5, null), null, 1);
    }

    @Test
    void theImageThatDepartsMostIsFoundAmongThreeAndTwoDepartEqually() {
        Hypothesis h = Hypothesis.INCONCLUSIVE;
        assertEquals(Set.of(2), ComparisonSummary.departing(List.of(done(0.20, h), done(0.22, h), done(0.90, h))));
        assertEquals(Set.of(0), ComparisonSummary.departing(List.of(done(0.01, h), done(0.60, h), done(0.62, h))));
        assertEquals(Set.of(0, 1), ComparisonSummary.departing(List.of(done(0.1, h), done(0.9, h))));
        IndicatorOutcome failed = new IndicatorOutcome("x", "X", "m", IndicatorOutcome.Status.FAILED, null, "boom", 1);
        assertEquals(Set.of(1), ComparisonSummary.departing(List.of(done(0.5, h), failed, done(0.5, h))));
        String words = ComparisonSummary.spreadInWords(List.of(done(0.20, h), done(0.22, h), done(0.90, h)), Set.of(2));
        assertEquals("DIFFER: #3 departs most; spread 0.700 (78 % of the largest)", words);
    }
}
