package org.provenant.analysis.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.analysis.AnalysisEngine;
import org.provenant.analysis.workflow.CaseWorkflow;
import org.provenant.cli.BenchCommand;
import org.provenant.cli.Main;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;

/**
 * The per-image step a cluster job calls gives, for one file, the JSON {@code analyze --json} writes (byte for
 * byte) and the summary row {@code batch} writes, with every registered indicator and the repository's models.
 */
class ImageStepTest {
    private static int run(String... args) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        return Main.run(args, quiet, quiet);
    }

    private static String withoutTimes(String json) {
        return json.replaceAll("\"millis\" : \\d+", "\"millis\" : 0");
    }

    @Test
    void givesTheJsonOfAnalyzeAndTheRowOfBatch(@TempDir Path dir) throws Exception {
        Path ev = Files.createDirectories(dir.resolve("evidence"));
        Path img = ev.resolve("suspect.png");
        ImageIO.write(BenchCommand.photoLike(96, 72, 5).toBufferedImage(), "png", img.toFile());
        Path caseDir = dir.resolve("case"), json = dir.resolve("out/suspect.json");
        assertEquals(0, run("analyze", img.toString(), "--json", json.toString(), "--case", caseDir.toString()));
        String analyzeJson = Files.readString(json);

        Path out = dir.resolve("batch-out");
        assertEquals(0, run("batch", ev.toString(), "--out", out.toString(), "--case", caseDir.toString(), "--threads", "1"));
        assertEquals(analyzeJson, Files.readString(out.resolve("json/suspect.png.json")), "batch writes analyze's JSON");

        try (ModelRegistry models = ModelRegistry.locate(); AnalysisEngine engine = new AnalysisEngine(models, 1)) {
            CaseWorkflow workflow = CaseWorkflow.open(caseDir, models);
            ImageStep.Result r = new ImageStep(workflow, engine, IndicatorRegistry.all(), Map.of())
                    .run(img, "suspect.png", Files.readAllBytes(img));
            assertEquals(BatchItem.Status.REUSED, r.row().status());
            assertNull(r.image(), "a complete stored analysis is not even decoded");
            assertEquals(analyzeJson, r.result().jsonText(), "byte for byte what analyze --json wrote");

            String row = BatchSummaries.jsonLine(r.row().withOutputs("json/suspect.png.json", null));
            String written = Files.readAllLines(out.resolve(BatchSummaries.JSONL)).get(0);
            assertEquals(written.replaceAll("\"millis\":\\d+", ""), row.replaceAll("\"millis\":\\d+", ""), "the row batch wrote");
            assertEquals(Files.readString(out.resolve(BatchSummaries.CSV)), BatchSummaries.csv(List.of(r.row())), "summary.csv");

            // analysed afresh in another case folder: the same JSON, apart from the time each indicator took
            ImageStep.Result fresh = new ImageStep(CaseWorkflow.open(dir.resolve("case2"), models), engine,
                    IndicatorRegistry.all(), Map.of()).run(img, "suspect.png");
            assertEquals(BatchItem.Status.ANALYSED, fresh.row().status());
            assertNotNull(fresh.image());
            assertEquals(withoutTimes(analyzeJson), withoutTimes(fresh.result().jsonText()));
        }
    }
}
