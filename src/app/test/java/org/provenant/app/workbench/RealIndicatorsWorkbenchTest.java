package org.provenant.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.app.TestIndicators;
import org.provenant.app.casework.CaseSession;
import org.provenant.app.panels.GenericIndicatorPanel;
import org.provenant.app.panels.MetadataPanel;
import org.provenant.app.panels.PanelRegistry;
import org.provenant.app.panels.RealismPanel;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window over every registered indicator (as the application builds it) on an image the test makes. */
@ExtendWith(ApplicationExtension.class)
class RealIndicatorsWorkbenchTest {
    private AnalysisEngine engine;
    private WorkbenchWindow window;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("provenant-gui-real");
        engine = new AnalysisEngine(ModelRegistry.locate());
        window = new WorkbenchWindow(IndicatorRegistry.all(), engine, PanelRegistry.standard(),
                new RecentFiles(dir.resolve("recent.txt")), new CaseSession());
        stage.setScene(new Scene(window, 1200, 780));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        fxRun(window::dispose);
        engine.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everyRegisteredIndicatorGetsAPanelWithAMapAndAScore() throws Exception {
        List<Indicator> all = IndicatorRegistry.all();
        assertFalse(all.isEmpty(), "indicators registered in META-INF/services");
        Path img = TestIndicators.writePng(dir.resolve("photo.png"), 320, 256, 11);
        fxRun(() -> window.open(img));
        waitUntil(120, "analysis finished", () -> window.lastReport() != null && !window.analysingProperty().get());

        for (Indicator ind : all) {
            IndicatorOutcome o = window.lastReport().outcome(ind.id()).orElseThrow();
            Node content = ((ScrollPane) window.panel(ind.id()).node()).getContent();
            if (!o.ok()) {
                // only without a models folder may an indicator fail, and then only because its model is absent:
                // a checksum failure, a broken model or any other error fails this test (issue 14)
                assertEquals(IndicatorOutcome.Status.FAILED, o.status(), ind.id());
                assertTrue(engine.models().entries().isEmpty(), ind.id() + " failed although the models are here: " + o.error());
                String e = o.error().toLowerCase(java.util.Locale.ROOT);
                assertTrue(e.contains("not in the model manifest") || e.contains("no models folder"), ind.id() + ": " + o.error());
                assertFalse(e.contains("integrity"), ind.id() + ": " + o.error());
                assertNotNull(fx(() -> content.lookup(".panel-error")), ind.id());
                continue;
            }
            if (GenericIndicatorPanel.notApplicable(o.result())) {
                // the test image is a PNG that never was a JPEG: the JPEG panels say why nothing was measured, and
                // nothing else ("not a JPEG"; "no earlier JPEG compression shows in the pixels")
                assertEquals(o.result().headline().meaning(), fx(() -> ((Label) content.lookup(".headline")).getText()));
                assertEquals(o.result().finding().phrase(), fx(() -> ((Label) content.lookup("#panel-finding")).getText()));
                assertTrue(fx(() -> window.verdicts().chip(ind.id()).getStyleClass().contains("finding-not-here")),
                        "no verdict on this kind of file says so, not a grey inconclusive chip");
                assertTrue(fx(() -> content.lookupAll(".score-value").isEmpty() && content.lookupAll(".map-picture").isEmpty()));
                continue;
            }
            List<ImageView> maps = fx(() -> content.lookupAll(".map-picture").stream().map(n -> (ImageView) n).toList());
            // some cues (e.g. recompression: a curve of rates, not a picture) produce no map; those that do show each
            for (ImageView v : maps) assertTrue(v.getImage() != null && v.getImage().getWidth() > 0, ind.id());
            assertEquals(o.result().maps().size(), maps.size(), ind.id() + ": one picture per map");
            String headline = fx(() -> ((Label) content.lookup(".headline")).getText());
            assertTrue(headline.startsWith(o.result().headline().label() + ": "), headline);
            assertTrue(headline.matches(".*: -?[0-9].*"), "a number: " + headline);
            assertEquals(o.result().scores().size(), fx(() -> content.lookupAll(".score-value").size()), ind.id());
            // the chip and the panel's header say it in words, never a bare number
            String chip = fx(() -> window.verdicts().chip(ind.id()).getText());
            assertEquals(ind.displayName() + ": " + o.result().finding().phrase(), chip);
            assertFalse(chip.substring(ind.displayName().length()).matches(": -?[0-9.]+( .*)?"), "a bare number: " + chip);
            assertEquals(o.result().finding().phrase(), fx(() -> ((Label) content.lookup("#panel-finding")).getText()));
        }
        assertTrue(all.stream().anyMatch(i -> window.lastReport().outcome(i.id()).orElseThrow().ok()), "at least one ran");
        assertTrue(all.stream().map(i -> window.lastReport().outcome(i.id()).orElseThrow())
                .anyMatch(o -> o.ok() && !o.result().maps().isEmpty()), "at least one map shown");
        // the realism score (its calibration ships in models/) gets its specialised panel with the pentagon
        assertTrue(window.lastReport().outcome(RealismPanel.INDICATOR_ID).orElseThrow().ok());
        assertTrue(window.panel(RealismPanel.INDICATOR_ID) instanceof RealismPanel);
        Node realism = ((ScrollPane) window.panel(RealismPanel.INDICATOR_ID).node()).getContent();
        assertNotNull(fx(() -> realism.lookup(".realism-pentagon")));
        // the metadata panel shows its searchable tree
        assertTrue(window.panel(MetadataPanel.INDICATOR_ID) instanceof MetadataPanel);
        Node metadata = ((ScrollPane) window.panel(MetadataPanel.INDICATOR_ID).node()).getContent();
        assertNotNull(fx(() -> metadata.lookup(".metadata-tree")));
        assertNotNull(fx(() -> metadata.lookup(".metadata-search")));
    }
}
