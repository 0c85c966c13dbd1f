package org.provenant.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.app.TestIndicators;
import org.provenant.app.WorkbenchFixture;
import org.provenant.app.panels.GenericIndicatorPanel;
import org.provenant.app.viewer.LoupeView;
import org.provenant.app.viewer.MapOverlayLayer;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.indicators.jpeg.ghosts.JpegGhosts;
import org.provenant.indicators.pixel.copymove.CopyMove;
import org.provenant.indicators.pixel.ela.ErrorLevelAnalysis;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Overview, the family tabs, the loupe with its image/map toggle, and ELA's quality slider in the window. */
@ExtendWith(ApplicationExtension.class)
class PixelToolsWorkbenchTest extends WorkbenchFixture {
    @Start
    void start(Stage stage) throws Exception {
        open(stage, "provenant-pixel-gui");
    }

    @Test
    void everyIndicatorFitsInFamilyTabsWithoutOverflowEvenAt1200x800() {
        show(IndicatorRegistry.all());
        List<String> titles = fx(() -> window.navigator().tabTitles());
        assertEquals("Overview", titles.get(0));
        assertEquals("Annotations", titles.get(titles.size() - 1));
        assertTrue(titles.contains("Pixel") && titles.contains("JPEG"), titles.toString());
        TabPane tabs = fx(() -> window.navigator().tabPane());
        double used = fx(() -> tabs.lookupAll(".tab").stream().mapToDouble(n -> n.getBoundsInParent().getWidth()).sum());
        double width = fx(tabs::getWidth);
        assertTrue(used < width - 20, "tab headers " + used + " px in a tab pane of " + width + " px");
        Node overflow = fx(() -> tabs.lookup(".control-buttons-tab"));
        assertTrue(overflow == null || !fx(overflow::isVisible), "no overflow arrow");
        // every indicator can be brought to the front through its family tab
        for (Indicator ind : IndicatorRegistry.all()) {
            fxRun(() -> window.showPanel(ind.id()));
            assertEquals(ind.id(), fx(() -> window.navigator().shownIndicator()));
        }
    }

    @Test
    void overviewLoupeToggleAndQualitySlider(FxRobot robot) throws Exception {
        Indicator brightness = new TestIndicators.Brightness();
        show(List.of(brightness, new ErrorLevelAnalysis(), new JpegGhosts(), new CopyMove()));
        Path img = TestIndicators.writePng(dir.resolve("sample.png"), 160, 120, 3);
        fxRun(() -> window.open(img));
        waitUntil(60, "analysis finished", () -> window.lastReport() != null && !window.analysingProperty().get());

        // the Overview: one card per indicator with headline and lean; a click opens the panel
        assertEquals(4, fx(() -> window.overview().cards().size()));
        assertTrue(fx(() -> window.overview().cards().stream().allMatch(c -> c.state() == OverviewViewModel.State.DONE)));
        fxRun(window::showOverview);
        robot.clickOn("#overview-" + CopyMove.ID);
        waitUntil(5, "copy-move panel in front", () -> CopyMove.ID.equals(window.navigator().shownIndicator()));

        // the loupe follows a point and toggles the viewer between the image and the selected map
        fxRun(() -> window.selectOverlayOf(ErrorLevelAnalysis.ID));
        MapOverlayLayer layer = fx(() -> (MapOverlayLayer) ((GenericIndicatorPanel) window.panel(ErrorLevelAnalysis.ID))
                .overlayToggles().get(0).getUserData());
        LoupeView loupe = fx(window::loupe);
        fxRun(() -> loupe.pin(new Point2D(50.5, 40.5)));
        assertTrue(fx(() -> loupe.node().isVisible()), "loupe shown at a pinned point");
        assertTrue(fx(() -> loupe.model().mapAvailableProperty().get()));
        robot.type(javafx.scene.input.KeyCode.M);
        assertTrue(fx(() -> loupe.model().showMapProperty().get()), "M shows the map");
        assertEquals(1.0, fx(layer::opacity), "map fully over the image");
        robot.type(javafx.scene.input.KeyCode.M);
        assertEquals(MapOverlayLayer.DEFAULT_OPACITY, fx(layer::opacity), 1e-9, "back to the examiner's opacity");
        robot.type(javafx.scene.input.KeyCode.CLOSE_BRACKET);
        assertEquals(8, fx(() -> loupe.model().zoomProperty().get()));

        // ELA's slider (drawn from its declared parameter) re-runs ELA alone with the new quality, through the engine; the report then states it
        Node ela = fx(() -> ((ScrollPane) window.panel(ErrorLevelAnalysis.ID).node()).getContent());
        Slider q = fx(() -> (Slider) ela.lookup("#ela-quality"));
        assertEquals(90, fx(q::getValue));
        String sha = org.provenant.core.io.ImageLoader.sha256(java.nio.file.Files.readAllBytes(img));
        org.provenant.analysis.casefolder.ResultFiles results = window.model().session().current().results();
        // SHA.KEY.json / SHA.KEY.maps.gz: an analysis with other settings (SHA.json / SHA.maps.gz: the defaults')
        java.util.function.Predicate<String> keyed = f -> f.startsWith(sha + ".") && !f.equals(sha + ".json")
                && !f.equals(sha + ".maps.gz");
        if (results.dir().toFile().exists()) {   // an earlier run's (the tests' case folder outlives a run)
            for (String f : results.dir().toFile().list()) if (keyed.test(f)) java.nio.file.Files.delete(results.dir().resolve(f));
        }
        fxRun(() -> q.setValue(70));
        waitUntil(60, "ELA ran again at 70", () -> window.lastReport().outcome(ErrorLevelAnalysis.ID).get().result() != null
                && window.lastReport().outcome(ErrorLevelAnalysis.ID).get().result().score("ela_quality").value() == 70);
        assertEquals(java.util.Map.of("ela.quality", "70"), window.lastReport().parameters(), "the report states the setting");
        // ... and the case folder stores it under that setting's key, beside the defaults' analysis
        waitUntil(30, "stored at 70", () -> java.util.Arrays.stream(results.dir().toFile().list()).anyMatch(f -> keyed.test(f) && f.endsWith(".json")));
        assertTrue(fx(() -> window.overview().cards().stream().anyMatch(c -> c.figures().length() > 0
                && c.indicatorId().equals(ErrorLevelAnalysis.ID))));
    }
}
