package org.provenant.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.core.io.ImageLoader;
import org.provenant.ml.ModelRegistry;
import org.provenant.report.casefile.Annotation;
import org.provenant.report.casefile.CaseFile;
import org.provenant.report.casefile.CaseFiles;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File > Export report: the PDF of the image on screen, with the case file's annotations; clear errors. */
@ExtendWith(ApplicationExtension.class)
class ReportExportTest {
    private AnalysisEngine engine;
    private WorkbenchWindow window;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("provenant-export-test");
        engine = new AnalysisEngine(ModelRegistry.empty(), 2);
        window = new WorkbenchWindow(List.of(new TestIndicators.Brightness(), new TestIndicators.Failing()), engine,
                PanelRegistry.standard(), new RecentFiles(dir.resolve("recent.txt")));
        stage.setScene(new Scene(window, 1000, 700));
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
    void exportsThePdfOfTheImageOnScreenWithItsCaseFile() throws Exception {
        fxRun(() -> window.exportReport(dir.resolve("early.pdf")));
        assertTrue(fx(window::errorText).contains("before exporting a report"));
        assertFalse(Files.exists(dir.resolve("early.pdf")));

        Path img = TestIndicators.writePng(dir.resolve("evidence.png"), 96, 64, 1);
        byte[] bytes = Files.readAllBytes(img);
        CaseFiles.save(img, new CaseFile("GUI-7", "Window Examiner", "", "evidence.png", ImageLoader.sha256(bytes),
                List.of(Annotation.rectangle(5, 5, 40, 30, "odd block", "Window Examiner", "2026-11-23T11:00:00Z", "#ff0000"))));
        fxRun(() -> window.open(img));
        waitUntil(30, "analysis finished", () -> window.lastReport() != null && !window.analysingProperty().get());

        Path out = ReportExport.defaultTarget(window.loadedImage());
        assertEquals(dir.resolve("evidence.png-report.pdf").toAbsolutePath(), out);
        fxRun(() -> window.exportReport(out));
        waitUntil(30, "report written", () -> out.equals(window.exportedProperty().get()));
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            String t = new PDFTextStripper().getText(doc);
            assertTrue(t.contains(ImageLoader.sha256(bytes)));
            assertTrue(t.contains("GUI-7") && t.contains("odd block"), "case data and annotation from the case file");
            assertTrue(t.contains("Mean red"), "the test indicator's headline");
            assertTrue(t.contains(TestIndicators.Failing.MESSAGE), "the failed indicator's error");
        }

        // the evidence itself is refused as a target and stays untouched
        fxRun(() -> window.exportReport(img));
        waitUntil(30, "error shown", () -> window.errorText() != null && window.errorText().contains("is the evidence file itself"));
        assertArrayEquals(bytes, Files.readAllBytes(img));
    }
}
