package org.provenant.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `analyze --json`: the overall assessment is the first entry, keeps the common fields, and fuses the detector's LR. */
class OverallAssessmentJsonTest {
    @Test
    void overallAssessmentIsTheFirstIndicatorAndCarriesTheFusedScores(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("evidence/suspect.png");
        java.nio.file.Files.createDirectories(png.getParent());
        ImageIO.write(BenchCommand.photoLike(256, 256, 5).toBufferedImage(), "png", png.toFile());
        Path json = dir.resolve("out/result.json");   // never beside the evidence (OutputGuard)
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"analyze", png.toString(), "--json", json.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode first = root.path("indicators").get(0);
        assertEquals("overall-assessment", first.path("id").asText());
        assertEquals("DONE", first.path("status").asText(), first.toString());
        assertTrue(first.has("supports") && first.has("confidence") && first.has("scores"), first.toString());
        Map<String, JsonNode> scores = new HashMap<>();
        for (JsonNode s : first.path("scores")) scores.put(s.path("key").asText(), s.path("value"));
        for (String k : new String[] {"p_generated", "lr_generated", "p_neural_codec", "lr_neural_codec", "p_edited", "lr_edited"})
            assertTrue(scores.containsKey(k), k + " in " + scores.keySet());
        // models/ ships the joint fusion (models/fusion): "generated" is its LR, 2 e^s1 P2 at even priors, where stage 1's
        // probability p_decoder = 1 / (1 + e^-s1) and stage 2's is p_synthetic (docs/fusion.md), not the product of LRs
        double fused = scores.get("lr_generated").asDouble(), p1 = scores.get("p_decoder").asDouble(), p2 = scores.get("p_synthetic").asDouble();
        assertEquals(2 * p1 / (1 - p1) * p2, fused, 1e-6 * fused);
        assertTrue(scores.containsKey("heldout_auc") && scores.containsKey("heldout_false_alarm_rate"), scores.keySet().toString());
        assertEquals(fused / (1 + fused), scores.get("p_generated").asDouble(), 1e-9);
        assertTrue(first.path("explanation").asText().contains("did a neural decoder"), first.path("explanation").asText());
    }
}
