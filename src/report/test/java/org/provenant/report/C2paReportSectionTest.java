package org.provenant.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.AnalysisInput;
import org.provenant.analysis.AnalysisListener;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.ReportJson;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.file.c2pa.ContentCredentials;
import org.provenant.ml.ModelRegistry;

/** The Content Credentials findings reach the PDF report (a findings table) and the analysis JSON (nested details). */
class C2paReportSectionTest {

    static EvidenceAnalysis analysed(Path dir, String fixture) throws Exception {
        Path f = dir.resolve(fixture);
        try (InputStream in = C2paReportSectionTest.class.getResourceAsStream("/c2pa/" + fixture)) {
            Files.write(f, in.readAllBytes());
        }
        LoadedImage li = new ImageLoader().load(f);
        AnalysisReport rep;
        try (AnalysisEngine engine = new AnalysisEngine(ModelRegistry.empty(), 1)) {
            rep = engine.analyze(AnalysisInput.of(li), List.of(new ContentCredentials()), AnalysisListener.NONE);
        }
        return new EvidenceAnalysis(li, rep, Instant.parse("2026-11-30T08:00:00Z"), List.of());
    }

    @Test
    void tamperedFileGetsAFindingsTableWithTheStatusCodes(@TempDir Path dir) throws Exception {
        EvidenceAnalysis ev = analysed(dir, "XCA.jpg");
        Path out = dir.resolve("case.pdf");
        PdfReport.write(PdfReportTest.request(List.of(ev), ""), out);
        PdfReportTest.keep(out);
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            String t = PdfReportTest.text(doc).replace('\u00a0', ' ');
            assertTrue(t.contains("Content Credentials (C2PA)"));
            assertTrue(t.contains("Finding"), "the findings table");
            assertTrue(t.contains("assertion.dataHash.mismatch"));
            assertTrue(t.contains("claimSignature.validated"));
            assertTrue(t.contains("CN=C2PA Signer"), "signer subject");
            assertTrue(t.contains("make_test_images/0.33.1"), "claim generator");
            assertTrue(t.contains("c2pa.color_adjustments"), "actions");
            assertFalse(t.contains("trusted signer"));
        }
    }

    @Test
    void jsonCarriesTheManifestChain(@TempDir Path dir) throws Exception {
        EvidenceAnalysis ev = analysed(dir, "CACA.jpg");
        JsonNode root = ReportJson.toTree(ev.image(), ev.analysis(), false);
        JsonNode ind = root.path("indicators").get(0);
        assertEquals("c2pa", ind.path("id").asText());
        assertEquals("FILE", ind.path("family").isMissingNode() ? "FILE" : ind.path("family").asText());
        JsonNode details = ind.path("details");
        assertEquals(3, details.size(), "store, active manifest, ingredient manifest");
        assertEquals("Active manifest", details.get(1).path("label").asText());
        assertEquals("GOOD", details.get(1).path("tone").asText());
        assertTrue(details.get(2).toString().contains("claimSignature.validated"));
        assertTrue(details.get(1).toString().contains("ingredient.manifest.validated"));
    }
}
