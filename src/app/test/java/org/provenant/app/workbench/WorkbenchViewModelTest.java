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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.casefolder.CaseFolder;
import org.provenant.app.FxTesting;
import org.provenant.app.TestIndicators;
import org.provenant.app.casework.CaseSession;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.ml.ModelRegistry;
import org.testfx.api.FxToolkit;

/** The workbench's state and actions without a window: no Node, Scene or Stage is made or shown. */
class WorkbenchViewModelTest {
    private AnalysisEngine engine;
    private Path dir;
    private CaseSession session;
    private WorkbenchViewModel model;
    /** What the view would have been told, in order. */
    private final List<String> shown = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();   // the JavaFX thread runs the tasks' handlers; nothing is shown
    }

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("provenant-wbvm-test");
        engine = new AnalysisEngine(ModelRegistry.empty(), 2);
        session = new CaseSession(CaseFolder.open(dir.resolve("case")));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (model != null) fxRun(model::dispose);
        engine.close();
        FxTesting.deleteTree(dir);
    }

    private WorkbenchViewModel model(List<org.provenant.indicators.Indicator> indicators) {
        WorkbenchViewModel m = new WorkbenchViewModel(indicators, engine, new RecentFiles(dir.resolve("recent.txt")), session);
        m.setDisplay(new WorkbenchDisplay() {
            @Override public void clear() { shown.add("clear"); }
            @Override public void started(String id) { shown.add("started " + id); }
            @Override public void finished(IndicatorOutcome o) { shown.add("finished " + o.indicatorId() + " " + o.status()); }
            @Override public void imageLoaded(LoadedImage li, java.awt.image.BufferedImage picture) {
                shown.add("image " + li.fileName() + " " + (int) picture.getWidth());
            }
            @Override public void showFirstMap() { shown.add("first map"); }
            @Override public void hideMap() { shown.add("hide map"); }
        });
        return m;
    }

    @Test
    void withoutAnImageTheActionsAreDisabledAndSayWhy() throws Exception {
        model = model(List.of(new TestIndicators.Brightness()));
        assertTrue(model.noImageProperty().get(), "Case data and Export report are disabled");
        assertFalse(model.analysingProperty().get(), "Cancel is disabled");
        assertEquals("Ready", model.statusProperty().get());
        assertNull(model.errorProperty().get());

        model.analyse();
        model.rerun("test-brightness", java.util.Map.of("x", "1"));
        assertFalse(model.analysingProperty().get(), "nothing to analyse");
        assertNull(model.analysisTask());
        assertEquals("Ready", model.statusProperty().get());

        boolean[] asked = new boolean[1];
        model.exportReport(dir.resolve("r.pdf"), () -> {
            asked[0] = true;
            return null;
        });
        assertEquals("Open and analyse an image before exporting a report", model.errorProperty().get());
        assertFalse(asked[0], "no case file is read for a report that cannot be written");
        assertNull(model.exportedProperty().get());

        Path a = dir.resolve("a.png");
        assertNull(model.comparisonPaths(List.of(a)));
        assertEquals("A comparison needs 2 to 4 images (the open one included), not 1", model.errorProperty().get());
        assertNull(model.comparisonPaths(List.of(a, dir.resolve("b"), dir.resolve("c"), dir.resolve("d"), dir.resolve("e"))));
        assertEquals(List.of(a, dir.resolve("b")), model.comparisonPaths(List.of(a, dir.resolve("b"), a)), "duplicates dropped");

        model.openSample();
        assertEquals("No bundled sample image found (expected assets/samples/)", model.errorProperty().get());
        model.hideError();
        assertNull(model.errorProperty().get());
        assertEquals("", model.readout(1.0, 1.0, null), "no read-out without an image");
        assertTrue(shown.isEmpty(), shown.toString());
    }

    @Test
    void aCancelledAnalysisSaysSoKeepsNoReportAndEnablesAnalyseAgain() throws Exception {
        TestIndicators.Slow slow = new TestIndicators.Slow();
        model = model(List.of(new TestIndicators.Brightness(), slow));
        Path img = TestIndicators.writePng(dir.resolve("a.png"), 64, 48, 5);
        fxRun(() -> model.open(img));
        assertTrue(fx(() -> model.loadingProperty().get() || model.analysingProperty().get()));
        assertTrue(slow.started.await(20, TimeUnit.SECONDS));
        waitUntil(10, "analysing", () -> model.analysingProperty().get());
        assertFalse(fx(() -> model.noImageProperty().get()));
        assertEquals("Analysing a.png...", fx(() -> model.statusProperty().get()));
        assertEquals("Provenant - a.png", fx(() -> model.titleProperty().get()));
        assertTrue(fx(() -> model.fileInfoProperty().get()).startsWith("a.png  64 x 48  PNG 8-bit RGB  SHA-256 "),
                fx(() -> model.fileInfoProperty().get()));

        fxRun(model::cancelAnalysis);
        assertTrue(slow.exited.await(5, TimeUnit.SECONDS), "the slow indicator stopped");
        waitUntil(10, "analysis ended", () -> !model.analysingProperty().get());
        assertEquals("Analysis cancelled", fx(() -> model.statusProperty().get()));
        assertNull(fx(model::lastReport), "a cancelled analysis is no report");
        assertNull(fx(model::analysisTask));
        assertTrue(slow.stoppedByCancel.get());
        assertEquals(List.of("image a.png 64", "clear"), shown.subList(0, 2), shown.toString());
        assertTrue(shown.contains("started test-slow"), shown.toString());
        assertFalse(shown.contains("first map"), "no heat map chosen after a cancel");
        assertEquals(img.toAbsolutePath().normalize(), model.recentFiles().list().get(0));
    }

    @Test
    void storedResultsAreShownWithoutAnalysingAgainAndThePixelReadout() throws Exception {
        org.provenant.analysis.workflow.CountingIndicator counting = new org.provenant.analysis.workflow.CountingIndicator("test-count");
        model = model(List.of(counting));
        Path img = TestIndicators.writePng(dir.resolve("b.png"), 40, 30, 6);
        fxRun(() -> model.open(img));
        waitUntil(30, "analysed", () -> model.lastReport() != null && !model.analysingProperty().get());
        assertTrue(fx(() -> model.statusProperty().get()).matches("Analysis finished in \\d+\\.\\d s: 1 of 1 indicators done"),
                fx(() -> model.statusProperty().get()));
        assertTrue(shown.contains("finished test-count DONE") && shown.contains("first map"), shown.toString());
        waitUntil(20, "stored in the case folder", () -> {
            try {
                return session.current().audit().entries().stream().anyMatch(e -> e.event().equals("analysed"));
            } catch (Exception e) {
                return false;
            }
        });

        shown.clear();
        fxRun(() -> model.open(img));
        waitUntil(30, "stored results shown", () -> model.statusProperty().get().startsWith("Stored results"));
        assertEquals("Stored results of the case folder shown (same SHA-256 and models): not analysed again",
                fx(() -> model.statusProperty().get()));
        assertEquals(1, counting.runs.get(), "same file, same models: not analysed again");
        assertEquals(List.of("image b.png 40", "hide map", "finished test-count DONE", "first map"), shown);
        assertTrue(fx(model::lastReport).outcome("test-count").orElseThrow().ok());

        LoadedImage li = new ImageLoader().load(img);
        int r = Math.round(li.image().get(0, 3, 2) * 255), g = Math.round(li.image().get(1, 3, 2) * 255),
                b = Math.round(li.image().get(2, 3, 2) * 255);
        assertEquals("x 3  y 2   R " + r + "  G " + g + "  B " + b + "   map 0.5", fx(() -> model.readout(3.7, 2.2, "map 0.5")));
        assertEquals("x 39  y 29   R", fx(() -> model.readout(99.0, 99.0, null)).substring(0, 14), "clamped to the image");
        assertEquals(WorkbenchViewModel.READOUT_HINT, fx(() -> model.readout(null, null, null)));
        assertNotNull(fx(model::loadedImage));
    }
}
