package org.provenant.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;

/**
 * What another Java program gets from the published provenant-core jar with one dependency (this module's pom): it
 * analyses an image through the public API only (this package is not core's, there is no test jar), stores and
 * reuses the results in a case folder, and carries neither JavaFX nor PDFBox.
 */
class CoreAsALibraryTest {
    @Test
    void analysesAnImageStoresItAndReusesItThroughThePublicApi(@TempDir Path dir) throws Exception {
        Path image = Path.of("assets/samples/astronaut.png");   // tests run from the repository root
        List<Indicator> indicators = IndicatorRegistry.all();
        assertTrue(indicators.size() >= 10, "the indicators come with the core jar (ServiceLoader): " + indicators.size());
        try (ModelRegistry models = ModelRegistry.locate(); AnalysisEngine engine = new AnalysisEngine(models, 2)) {
            CaseWorkflow workflow = CaseWorkflow.open(dir.resolve("case"), models);
            LoadedImage loaded = new ImageLoader().load(image);
            CaseWorkflow.Analysed first = workflow.analyse(engine, loaded, indicators, Map.of(), AnalysisListener.NONE);

            assertFalse(first.reused(), "a new case folder has nothing stored");
            assertEquals(indicators.stream().map(Indicator::id).toList(),
                    first.report().outcomes().stream().map(IndicatorOutcome::indicatorId).toList(), "one outcome per indicator, in panel order");
            for (IndicatorOutcome o : first.report().outcomes()) {
                assertEquals(IndicatorOutcome.Status.DONE, o.status(), o.indicatorId() + ": " + o.error());
                assertFalse(o.result().finding().phrase().isBlank(), o.indicatorId() + " says what it found in words");
            }
            String json = first.jsonText();
            assertTrue(json.contains(loaded.sha256()), "the JSON names the file by its SHA-256");
            assertTrue(json.contains("\"overall-assessment\""), "the JSON carries the overall assessment");

            CaseWorkflow.Analysed again = workflow.analyse(engine, new ImageLoader().load(image), indicators, Map.of(), AnalysisListener.NONE);
            assertTrue(again.reused(), "the same file, code and models: the stored results are reused");
            assertEquals(json, again.jsonText(), "and read back to the same JSON");
            assertTrue(Files.readString(workflow.audit().file()).contains("\"analysed\""), "the analysis is in the audit log");
        }
    }

    @Test
    void theCoreJarBringsNoWindowAndNoPdfLibrary() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("javafx.application.Platform"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.pdfbox.pdmodel.PDDocument"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.provenant.report.PdfReport"));
    }
}
