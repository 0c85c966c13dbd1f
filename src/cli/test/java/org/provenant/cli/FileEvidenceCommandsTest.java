package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.indicators.jpeg.jpegstructure.JpegFixtures;
import org.provenant.indicators.file.metadata.MetadataFixtures;

/** The metadata and JPEG structure indicators in {@code analyze --json} and in the PDF report, on files made here. */
class FileEvidenceCommandsTest {
    private static int main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private static JsonNode indicator(JsonNode root, String id) {
        for (JsonNode n : root.path("indicators")) if (n.path("id").asText().equals(id)) return n;
        throw new AssertionError("no " + id);
    }

    @Test
    void jsonAndReportCarryTheTreeTheTablesAndTheTrace(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("evidence")), out = Files.createDirectories(dir.resolve("out"));
        Path png = in.resolve("sd.png"), jpg = in.resolve("edited.jpg");   // outputs never beside the evidence
        Files.write(png, MetadataFixtures.withText(MetadataFixtures.png(JpegFixtures.sample("chelsea.png")), "parameters",
                "a cat on a sofa\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 6, Seed: 42, Size: 451x300"));
        Files.write(jpg, MetadataFixtures.cameraJpeg("Adobe Photoshop 25.0 (Windows)", "2024:06:01 18:30:00",
                JpegFixtures.sample("coffee.png")));
        Path pj = out.resolve("sd.json"), jj = out.resolve("edited.json");
        assertEquals(0, main("analyze", png.toString(), "--json", pj.toString()));
        assertEquals(0, main("analyze", jpg.toString(), "--json", jj.toString()));
        ObjectMapper m = new ObjectMapper();
        JsonNode sd = indicator(m.readTree(pj.toFile()), "metadata");
        assertEquals("GENERATED", sd.path("supports").asText());
        assertTrue(sd.path("details").toString().contains("Steps: 30, Sampler: DPM++ 2M Karras"), sd.toString());
        assertEquals("not a JPEG", indicator(m.readTree(pj.toFile()), "jpeg-structure").path("explanation").asText());
        JsonNode ed = indicator(m.readTree(jj.toFile()), "metadata");
        assertEquals("INCONCLUSIVE", ed.path("supports").asText());
        assertTrue(ed.path("details").toString().contains("Adobe Photoshop 25.0 (Windows)"));
        JsonNode js = indicator(m.readTree(jj.toFile()), "jpeg-structure");
        assertEquals(92, js.path("scores").get(1).path("value").asInt(), js.toString());
        assertTrue(js.path("details").toString().contains("Quantization table 0 (Y)"));

        Path pdf = out.resolve("case.pdf");
        assertEquals(0, main("report", jpg.toString(), png.toString(), "--out", pdf.toString()));
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        for (String s : new String[]{"Exif IFD0", "Adobe Photoshop 25.0", "Quantization table 0 (Y)", "JPEG structure",
                "Stable Diffusion web UI", "not a JPEG", "Findings"}) {
            assertTrue(text.contains(s), "report lacks " + s);
        }
    }
}
