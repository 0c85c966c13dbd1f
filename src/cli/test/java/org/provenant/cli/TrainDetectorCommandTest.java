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
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelRegistry;
import org.provenant.training.generated.DetectorData;

/**
 * train-detector end to end on a small made-up data set whose two classes differ in their colour noise (independent
 * per channel vs the same in all channels): held-out fold separated, model and manifest entry written and verifiable,
 * and folds that never split a generator family or a photo source.
 */
class TrainDetectorCommandTest {
    static FloatImage picture(int size, boolean sameNoiseInAllChannels, long seed) {
        Random r = new Random(seed);
        float[][] p = new float[3][size * size];
        for (int i = 0; i < size * size; i++) {
            double base = 0.45 + 0.2 * Math.sin((i % size) / 9.0 + seed) * Math.cos(i / size / 13.0);
            double shared = 0.03 * r.nextGaussian();
            for (int c = 0; c < 3; c++)
                p[c][i] = (float) Math.max(0, Math.min(1, base + 0.05 * c + (sameNoiseInAllChannels ? shared : 0.03 * r.nextGaussian())));
        }
        return new FloatImage(size, size, p).quantize8();
    }

    @Test
    void trainsMeasuresAndWritesTheModelWithItsFigures(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("generated"));
        Files.createDirectories(data.resolve("real"));
        StringBuilder tsv = new StringBuilder("file\tlabel\tgenerator\trepo\tpath_in_repo\n");
        for (int g = 0; g < 6; g++)
            for (int i = 0; i < 4; i++) {
                boolean gen = g % 2 == 0;
                String file = (gen ? "generated/g" : "real/r") + g + "_" + i + ".png";
                ImageIO.write(picture(192, gen, 100L * g + i).toBufferedImage(), "png", data.resolve(file).toFile());
                tsv.append(file).append('\t').append(gen ? "generated" : "real").append('\t')
                        .append(gen ? "model" + g + (i % 2 == 0 ? "-ft" : "") : "camera").append('\t')
                        .append("someone/repo").append('\t').append("data/source" + g + "/" + i + ".png").append('\n');
            }
        Files.writeString(data.resolve("SOURCES.tsv"), tsv);
        Path models = dir.resolve("models");
        Files.createDirectories(models);
        Files.writeString(models.resolve("manifest.json"), "{\"models\": []}");

        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"train-detector", data.toString(), "--folds", "3", "--models", models.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + out);
        JsonNode e = new ObjectMapper().readTree(models.resolve("manifest.json").toFile()).path("models").get(0);
        assertEquals("classifier-generated-detector", e.path("name").asText());
        try (ModelRegistry reg = ModelRegistry.load(models)) {
            reg.verifiedFile("classifier-generated-detector");   // SHA-256 written matches the file
        }
        JsonNode p = e.path("properties");
        assertTrue(p.path("heldoutAuc").asDouble() > 0.95, "held-out fold separated: " + p);
        assertTrue(p.path("calibrationSlope").asDouble() > 0, "a higher score means more 'generated': " + p);
        assertEquals("0/" + p.path("heldoutFalseAlarms").asText().split("/")[1], p.path("heldoutFalseAlarms").asText(), p.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("held-out fold 0"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void foldsKeepGeneratorFamiliesAndPhotoSourcesWhole(@TempDir Path dir) throws Exception {
        List<DetectorData.Item> items = List.of(
                new DetectorData.Item(Path.of("a.png"), true, "sdxl", "gen:sdxl"),
                new DetectorData.Item(Path.of("b.png"), true, "sdxl-ft", "gen:sdxl"),
                new DetectorData.Item(Path.of("c.png"), true, "flux1-dev", "gen:flux1-dev"),
                new DetectorData.Item(Path.of("d.png"), false, "camera", "real:x/coco"),
                new DetectorData.Item(Path.of("e.png"), false, "camera", "real:x/coco"),
                new DetectorData.Item(Path.of("f.png"), false, "camera", "real:y"));
        Map<String, Integer> f = DetectorData.folds(items, 2);
        assertEquals(4, f.size(), "one fold per group, not per image");
        assertTrue(!f.get("gen:sdxl").equals(f.get("gen:flux1-dev")) && !f.get("real:x/coco").equals(f.get("real:y")),
                "the largest groups are spread over the folds: " + f);
        Files.writeString(dir.resolve("SOURCES.tsv"), "file\tlabel\tgenerator\trepo\tpath_in_repo\n"
                + "generated/x.png\tgenerated\tsdxl-ft\tr/r\tp.png\n"
                + "real/y.jpg\treal\tcamera\tCompVis/taming-transformers\tdata/coco_annotations_100/val2017/1.jpg\n");
        List<DetectorData.Item> read = DetectorData.read(dir);
        assertEquals("gen:sdxl", read.get(0).group(), "fine-tunes count with their base model");
        assertEquals("real:taming-transformers/coco_annotations_100", read.get(1).group());
    }
}
