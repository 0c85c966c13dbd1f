package org.provenant.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.TestIndicators;
import org.provenant.app.WorkbenchFixture;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.common.Formats;
import org.provenant.app.guide.UserGuide;
import org.provenant.app.panels.GenericIndicatorPanel;
import org.provenant.app.panels.IndicatorPanel;
import org.provenant.app.panels.PanelRegistry;
import org.provenant.app.viewer.MapOverlayLayer;
import org.provenant.indicators.Hypothesis;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window with injected test indicators: analysis, failure isolation, cancel, bad files, responsiveness. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest extends WorkbenchFixture {
    private final TestIndicators.Brightness brightness = new TestIndicators.Brightness();
    private final TestIndicators.Failing failing = new TestIndicators.Failing();
    private final TestIndicators.Slow slow = new TestIndicators.Slow();

    @Start
    void start(Stage stage) throws Exception {
        open(stage, "provenant-gui-test");
    }

    private static Node content(IndicatorPanel p) {
        return ((ScrollPane) p.node()).getContent();
    }

    @Test
    void opensAnImageAndEveryPanelShowsMapsAndScoresWhileAFailingIndicatorShowsItsError(FxRobot robot) throws Exception {
        show(List.of(brightness, failing));
        Path img = TestIndicators.writePng(dir.resolve("sample.png"), 96, 64, 1);
        fxRun(() -> window.open(img));
        waitUntil(30, "analysis finished", () -> window.lastReport() != null && !window.analysingProperty().get());

        assertEquals(96, fx(() -> window.viewer().getImage().getWidth()));
        Node panel = content(window.panel(brightness.id()));
        List<ImageView> maps = fx(() -> panel.lookupAll(".map-picture").stream().map(n -> (ImageView) n).toList());
        assertEquals(2, maps.size(), "one picture per map layer");
        for (ImageView v : maps) {
            assertNotNull(v.getImage());
            assertTrue(v.getImage().getWidth() > 0 && v.getImage().getHeight() > 0);
        }
        String headline = fx(() -> ((Label) panel.lookup(".headline")).getText());
        assertTrue(headline.startsWith("Mean red: 0."), headline);
        assertEquals(List.of("0.", "96"), fx(() -> panel.lookupAll(".score-value").stream()
                .map(n -> ((Label) n).getText()).map(t -> t.startsWith("0.") ? "0." : t).toList()), "mean red, then 12 x 8 blocks");

        // the failing indicator shows its own error; the other one completed
        Node failed = content(window.panel(failing.id()));
        String err = fx(() -> ((Label) failed.lookup(".panel-error")).getText());
        assertTrue(err.contains(TestIndicators.Failing.MESSAGE), err);
        assertEquals(IndicatorOutcome.Status.FAILED, window.lastReport().outcome(failing.id()).orElseThrow().status());
        assertEquals(IndicatorOutcome.Status.DONE, window.lastReport().outcome(brightness.id()).orElseThrow().status());

        // the verdict strip carries the finding in words (here the lean a result without its own finding implies),
        // coloured by the hypothesis; the number and its meaning on hover
        Label chip = fx(() -> window.verdicts().chip(brightness.id()));
        assertEquals("Test brightness: " + Hypothesis.CAMERA_ORIGINAL.phrase(), fx(chip::getText));
        assertTrue(fx(chip::getStyle).contains(Formats.css(Hypothesis.CAMERA_ORIGINAL.rgb())));
        String tip = fx(() -> chip.getTooltip().getText());
        assertTrue(tip.contains("Test explanation") && tip.contains("Mean red: 0.") && tip.contains("0 = black, 1 = full red"), tip);
        assertTrue(fx(() -> window.verdicts().chip(failing.id()).getText()).endsWith("failed"));
        assertEquals(List.of(brightness.id(), failing.id()), fx(() -> window.verdicts().order()), "failed ones last");

        // a map that leans to a camera original points nowhere: the plain image is the first picture
        assertFalse(fx(() -> window.viewer().layers().stream().anyMatch(l -> l instanceof MapOverlayLayer)), "no heat map drawn");
        fxRun(() -> window.selectOverlayOf(brightness.id()));
        MapOverlayLayer shown = fx(() -> (MapOverlayLayer) window.viewer().layers().get(0));
        assertEquals("Red per block", shown.mapLayer().name());
        // the recent-files list now names the file
        assertEquals(img.toAbsolutePath().normalize(), new RecentFiles(dir.resolve("recent.txt")).list().get(0));
        assertTrue(fx(() -> window.recentMenuItems().get(0).getText()).startsWith("sample.png"));

        // pixel read-out under the mouse: coordinates, the pixel's 8-bit RGB values and the heat map's value there
        robot.moveTo(window.viewer());
        String readout = fx(() -> ((Label) window.lookup("#pixel-readout")).getText());
        assertTrue(readout.matches("x \\d+  y \\d+   R \\d+  G \\d+  B \\d+   Red per block 0\\.\\d+"), readout);
    }

    /** Issue 23: the first screen points somewhere: the most telling finding first and its map over the image. */
    @Test
    void theMostTellingFindingComesFirstAndItsMapIsDrawn() throws Exception {
        TestIndicators.Region region = new TestIndicators.Region();
        show(List.of(brightness, failing, region));
        Path img = TestIndicators.writePng(dir.resolve("sample.png"), 96, 64, 1);
        fxRun(() -> window.open(img));
        waitUntil(30, "analysis finished", () -> window.lastReport() != null && !window.analysingProperty().get());

        assertEquals(List.of(region.id(), brightness.id(), failing.id()), fx(() -> window.verdicts().order()),
                "a lean to a local edit (0.8) before a lean to a camera original (0.7), the failed one last");
        Label chip = fx(() -> window.verdicts().chip(region.id()));
        assertEquals("Test region: " + TestIndicators.Region.PHRASE, fx(chip::getText));
        assertTrue(fx(() -> chip.getStyleClass().contains("finding-leans")));
        MapOverlayLayer shown = fx(() -> (MapOverlayLayer) window.viewer().layers().get(0));
        assertEquals("Darker blocks", shown.mapLayer().name(), "the map of the most telling indicator, not the first in panel order");
        assertEquals(List.of(region.id(), brightness.id(), failing.id()), fx(() -> window.overview().cards().stream()
                .map(OverviewViewModel.Card::indicatorId).toList()));

        // the panel's header says it in words, then the figures; it links to its method's page in the user guide
        Node panel = content(window.panel(region.id()));
        assertEquals(TestIndicators.Region.PHRASE, fx(() -> ((Label) panel.lookup("#panel-finding")).getText()));
        assertEquals("Darker blocks: 1", fx(() -> ((Label) panel.lookup(".headline")).getText()));
        fxRun(() -> ((javafx.scene.control.Hyperlink) content(window.panel(region.id())).lookup("#guide-link")).fire());
        assertEquals(region.guidePage(), fx(() -> UserGuide.current().page()), "Pixel family: " + region.guidePage());
        assertTrue(fx(() -> UserGuide.current().stage().isShowing()));
        fxRun(() -> UserGuide.current().stage().hide());
    }

    @Test
    void withoutAnImageTheWindowShowsHowToBegin() throws Exception {
        Path recent = TestIndicators.writePng(dir.resolve("earlier.png"), 64, 48, 5);
        new RecentFiles(dir.resolve("recent.txt")).add(recent);
        show(List.of(brightness));
        Node start = fx(() -> window.lookup("#start-screen"));
        assertTrue(fx(start::isVisible), "the start screen shows while no image is open");
        assertNotNull(fx(() -> start.lookup("#start-open")));
        assertNotNull(fx(() -> start.lookup("#start-sample")));
        assertNotNull(fx(() -> start.lookup("#start-guide")));
        List<String> links = fx(() -> start.lookupAll(".start-link").stream()
                .map(n -> ((javafx.scene.control.Hyperlink) n).getText()).toList());
        assertTrue(links.stream().anyMatch(t -> t.startsWith("earlier.png")), "recent files: " + links);
        fxRun(() -> start.lookupAll(".start-link").stream().map(n -> (javafx.scene.control.Hyperlink) n)
                .filter(h -> h.getText().startsWith("earlier.png")).findFirst().orElseThrow().fire());
        waitUntil(30, "recent file analysed", () -> window.lastReport() != null && !window.analysingProperty().get());
        assertEquals("earlier.png", fx(() -> window.loadedImage().fileName()));
        assertFalse(fx(start::isVisible), "gone once an image is open");
    }

    @Test
    void cancelStopsTheWork(FxRobot robot) throws Exception {
        show(List.of(brightness, slow));
        Path a = TestIndicators.writePng(dir.resolve("a.png"), 64, 64, 2);
        fxRun(() -> window.open(a));
        assertTrue(slow.started.await(20, TimeUnit.SECONDS));
        waitUntil(10, "analysis running", () -> window.analysingProperty().get() && slow.steps.get() > 5);
        robot.clickOn("#cancel");   // returns once the click's events ran on the JavaFX thread
        int atClick = slow.steps.get();
        // the slow indicator runs 60 s (3000 steps of 20 ms) unless cancelled: it must stop within about a second
        assertTrue(slow.exited.await(5, TimeUnit.SECONDS), "the slow indicator stopped");
        assertTrue(slow.stoppedByCancel.get(), "it stopped because it was cancelled, not because it finished");
        int after = slow.steps.get() - atClick;
        assertTrue(after < 100, after + " steps after the click (each at least 20 ms): the cancel reached the work late");
        waitUntil(10, "analysis ended", () -> !window.analysingProperty().get());
        waitUntil(5, "panel says cancelled", () -> ((Label) content(window.panel(slow.id())).lookup(".panel-status"))
                .getText().startsWith("Cancelled"));
        assertTrue(fx(window::statusText).contains("cancelled"), fx(window::statusText));
    }

    /** Issue 14: opening B while A is still being analysed shows B's results only, even when A's come in late. */
    @Test
    void openingAnotherImageMidAnalysisShowsOnlyItsResults() throws Exception {
        TestIndicators.Stubborn stubborn = new TestIndicators.Stubborn();
        show(List.of(brightness, stubborn));
        Path a = TestIndicators.writePng(dir.resolve("a.png"), TestIndicators.Stubborn.BLOCK_WIDTH, 60, 7);
        Path b = TestIndicators.writePng(dir.resolve("b.png"), 80, 60, 8);
        fxRun(() -> window.open(a));
        assertTrue(stubborn.blocked.await(20, TimeUnit.SECONDS), "A's analysis is under way");
        fxRun(() -> window.open(b));
        waitUntil(30, "B analysed", () -> window.loadedImage() != null && window.loadedImage().fileName().equals("b.png")
                && window.lastReport() != null && !window.analysingProperty().get());
        stubborn.release.countDown();   // A's result arrives now, late
        waitUntil(20, "A's late result computed", () -> stubborn.finished.get() == 2);
        Thread.sleep(300);
        fxRun(() -> { });   // let any queued FX update run
        assertEquals("b.png", fx(() -> window.loadedImage().fileName()));
        assertEquals(80, fx(() -> window.viewer().getImage().getWidth()));
        assertEquals(80.0, window.lastReport().outcome(stubborn.id()).orElseThrow().result().headline().value());
        String head = fx(() -> ((Label) content(window.panel(stubborn.id())).lookup(".headline")).getText());
        assertTrue(head.contains("80") && !head.contains("100"), head);
        double red = window.lastReport().outcome(brightness.id()).orElseThrow().result().headline().value();
        String brightHead = fx(() -> ((Label) content(window.panel(brightness.id())).lookup(".headline")).getText());
        assertTrue(brightHead.contains(Formats.value(red)), brightHead + " vs " + red);
    }

    @Test
    void aUiEventIsServedWhileTheAnalysisRuns(FxRobot robot) throws Exception {
        show(List.of(slow));
        Path b = TestIndicators.writePng(dir.resolve("b.png"), 64, 48, 3);
        fxRun(() -> window.open(b));
        assertTrue(slow.started.await(20, TimeUnit.SECONDS));
        double fitted = fx(() -> window.viewer().getScale());
        assertTrue(fitted > 2, "a small image is enlarged to fit: " + fitted);
        robot.clickOn("#zoom-1to1");
        assertEquals(1.0, fx(() -> window.viewer().getScale()), 1e-9);
        assertTrue(fx(() -> window.analysingProperty().get()), "analysis still running while the click was served");
        assertTrue(slow.exited.getCount() == 1);
        // overall progress moves while the indicator works
        waitUntil(10, "overall progress", () -> window.analysisTask() != null && window.analysisTask().getProgress() > 0);
        fxRun(window::cancelAnalysis);
        assertTrue(slow.exited.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aCorruptFileShowsAClearErrorAndTheWindowStaysUsable() throws Exception {
        show(List.of(brightness));
        Path good = TestIndicators.writePng(dir.resolve("good.png"), 64, 64, 4);
        fxRun(() -> window.open(good));
        waitUntil(30, "first analysis", () -> window.lastReport() != null && !window.analysingProperty().get());

        Path bad = Files.write(dir.resolve("broken.png"), "this is not an image at all".getBytes());
        fxRun(() -> window.open(bad));
        waitUntil(20, "error banner", () -> window.errorText() != null);
        String err = fx(window::errorText);
        assertTrue(err.startsWith("Cannot open broken.png: "), err);
        assertFalse(err.contains("Exception"), "no exception names for the user: " + err);
        assertFalse(err.contains("\n"), "one line: " + err);
        // the previous image and its analysis are still shown
        assertEquals("good.png", fx(() -> window.loadedImage().fileName()));
        assertNotNull(fx(() -> window.viewer().getImage()));

        // and the window still works: another file opens and is analysed, and the banner goes
        Path other = TestIndicators.writePng(dir.resolve("other.png"), 80, 40, 5);
        fxRun(() -> window.open(other));
        waitUntil(30, "second analysis", () -> window.loadedImage().fileName().equals("other.png")
                && window.lastReport() != null && !window.analysingProperty().get());
        assertNull(fx(window::errorText));
        assertEquals(80, fx(() -> window.viewer().getImage().getWidth()));
    }

    @Test
    void aMissingFileNamesTheFile() {
        show(List.of(brightness));
        fxRun(() -> window.open(dir.resolve("nowhere.jpg")));
        waitUntil(20, "error banner", () -> window.errorText() != null);
        assertEquals("Cannot open nowhere.jpg: the file does not exist", fx(window::errorText));
    }

    @Test
    void aSpecialisedPanelIsUsedForItsIdAndTheGenericOneForOthers() {
        Set<String> created = new java.util.HashSet<>();
        PanelRegistry reg = PanelRegistry.standard().register(brightness.id(), (ind, ctx) -> {
            created.add(ind.id());
            return new GenericIndicatorPanel(ind, ctx);
        });
        fxRun(() -> {
            window = new WorkbenchWindow(List.of(brightness, failing), engine, reg, new RecentFiles(dir.resolve("r.txt")),
                    new CaseSession());
            stage.setScene(new Scene(window, 900, 600));
        });
        assertEquals(Set.of(brightness.id()), created);
        assertTrue(window.panel(failing.id()) instanceof GenericIndicatorPanel);
    }
}
