package org.provenant.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenant.app.FxTesting.fx;
import static org.provenant.app.FxTesting.fxRun;
import static org.provenant.app.FxTesting.waitUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.core.io.ImageLoader;
import org.provenant.ml.ModelRegistry;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The comparison view: synchronised viewers, the same indicator on each, differences highlighted, one PDF. */
@ExtendWith(ApplicationExtension.class)
class ComparisonViewTest {
    private AnalysisEngine engine;
    private ComparisonView view;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        engine = new AnalysisEngine(ModelRegistry.empty(), 2);
        view = new ComparisonView(List.of(new TestIndicators.Brightness(), new TestIndicators.Failing()), engine);
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        fxRun(view::dispose);
        engine.close();
    }

    private Path darkRed(Path file) throws Exception {
        BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) for (int x = 0; x < 96; x++) img.setRGB(x, y, (10 + (x + y) % 7) << 16 | 0x3040);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void twoDifferentImagesAreShownTogetherWithTheDifferenceHighlighted() throws Exception {
        Path a = TestIndicators.writePng(dir.resolve("a.png"), 96, 64, 1);
        Path b = darkRed(dir.resolve("b.png"));
        fxRun(() -> view.open(List.of(a, b)));
        waitUntil(30, "compared", () -> view.readyProperty().get());

        assertEquals(2, fx(() -> view.viewers().size()));
        // zoom and pan are shared
        fxRun(() -> view.viewers().get(0).zoom(2));
        assertEquals(fx(() -> view.viewers().get(0).getScale()), fx(() -> view.viewers().get(1).getScale()), 1e-9);
        // the same indicator's heat map over each image, its headline under each, highlighted because they differ
        for (int i = 0; i < 2; i++) {
            int k = i;
            assertTrue(fx(() -> view.viewers().get(k).layers().get(0)) instanceof MapOverlayLayer);
            String text = fx(() -> view.scoreLabels().get(k).getText());
            assertTrue(text.startsWith("Mean red: "), text);
            assertTrue(fx(() -> view.scoreLabels().get(k).getStyleClass().contains("differs")));
        }
        assertTrue(fx(() -> ((javafx.scene.control.Label) view.lookup("#comparison-verdict")).getText()).startsWith("Differs"));
        // the failing indicator failed on both: shown, not highlighted
        fxRun(() -> view.selectIndicator("test-failing"));
        assertTrue(fx(() -> view.scoreLabels().get(0).getText()).contains(TestIndicators.Failing.MESSAGE));
        assertFalse(fx(() -> view.scoreLabels().get(0).getStyleClass().contains("differs")));
        assertTrue(fx(() -> view.viewers().get(0).layers().isEmpty()));

        Path pdf = dir.resolve("cmp.pdf");
        fxRun(() -> view.exportReport(pdf));
        waitUntil(30, "report written", () -> pdf.equals(view.exportedProperty().get()));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String t = new PDFTextStripper().getText(doc);
            assertTrue(t.contains(ImageLoader.sha256(Files.readAllBytes(a))) && t.contains(ImageLoader.sha256(Files.readAllBytes(b))));
            assertTrue(t.contains("Side-by-side summary"));
        }
    }

    @Test
    void identicalImagesAreNotHighlightedAndOneImageIsRefused() throws Exception {
        fxRun(() -> view.open(List.of(dir.resolve("only.png"))));
        assertTrue(fx(view::statusText).contains("needs 2 to 4 images"));

        Path a = TestIndicators.writePng(dir.resolve("a.png"), 96, 64, 3);
        Path b = Files.copy(a, dir.resolve("b.png"));
        fxRun(() -> view.open(List.of(a, b)));
        waitUntil(30, "compared", () -> view.readyProperty().get());
        assertFalse(fx(() -> view.scoreLabels().get(1).getStyleClass().contains("differs")));
        assertEquals(fx(() -> view.scoreLabels().get(0).getText()), fx(() -> view.scoreLabels().get(1).getText()));
    }
}
