package org.provenant.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.provenant.core.io.ImageLoader;
import org.provenant.core.io.LoadedImage;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.IndicatorRegistry;
import org.provenant.ml.ModelRegistry;

/**
 * Issue 14, point 2: flat one-colour pictures (black, white, grey; PNG, JPEG, WebP, transparent RGBA) and tiny
 * ones (1x1, 2x2, 3x3000) get no verdict from any registered indicator: each picture indicator says "not enough
 * content to judge" with its reason, as an inconclusive result whose headline is not a number (written as null in
 * the JSON); file-byte indicators (metadata, Content Credentials, JPEG structure) read no pixels and only must not lean.
 */
class DegenerateImagesTest {
    @TempDir
    static Path dir;
    private static ModelRegistry models;
    private static AnalysisEngine engine;

    @BeforeAll
    static void start() {
        models = locateOrEmpty();
        engine = new AnalysisEngine(models);
    }

    @AfterAll
    static void stop() {
        engine.close();
        models.close();
    }

    private static ModelRegistry locateOrEmpty() {
        try {
            return ModelRegistry.locate();
        } catch (Exception e) {
            return ModelRegistry.empty();
        }
    }

    static Stream<Arguments> degenerate() throws Exception {
        return Stream.of(
                Arguments.of(flat("black.png", 256, 192, 0x000000, BufferedImage.TYPE_INT_RGB, "png")),
                Arguments.of(flat("white.png", 256, 192, 0xffffff, BufferedImage.TYPE_INT_RGB, "png")),
                Arguments.of(flat("grey.png", 256, 192, 0x808080, BufferedImage.TYPE_INT_RGB, "png")),
                Arguments.of(flat("grey.jpg", 256, 192, 0x808080, BufferedImage.TYPE_INT_RGB, "jpeg")),
                Arguments.of(flat("white.jpg", 320, 240, 0xffffff, BufferedImage.TYPE_INT_RGB, "jpeg")),
                Arguments.of(flat("transparent.png", 256, 192, 0x00000000, BufferedImage.TYPE_INT_ARGB, "png")),
                Arguments.of(flat("uniform-large.png", 2000, 1500, 0x5a7d9a, BufferedImage.TYPE_INT_RGB, "png")),
                Arguments.of(resource("flat-grey-lossy.webp")),
                Arguments.of(resource("flat-transparent-lossless.webp")),
                Arguments.of(noise("1x1.png", 1, 1)),
                Arguments.of(noise("2x2.png", 2, 2)),
                Arguments.of(noise("3x3000.png", 3, 3000)),
                Arguments.of(noise("3000x3.png", 3000, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("degenerate")
    void everyIndicatorSaysNotEnoughContent(Path file) throws Exception {
        LoadedImage img = new ImageLoader().load(file);
        AnalysisReport rep = engine.analyze(AnalysisInput.of(img), IndicatorRegistry.all(), AnalysisListener.NONE);
        assertFalse(rep.outcomes().isEmpty());
        for (IndicatorOutcome o : rep.outcomes()) {
            String who = file.getFileName() + " / " + o.indicatorId();
            assertTrue(o.ok(), who + " failed instead of saying why it cannot judge: " + o.error());
            assertEquals(Hypothesis.INCONCLUSIVE, o.result().supports(), who + ": " + o.result().explanation());
            // indicators of the file's bytes (metadata, Content Credentials, JPEG structure) judge no picture content:
            // no lean is all we ask
            if (fileBytes(o.indicatorId())) continue;
            assertTrue(o.result().explanation().startsWith(ContentCheck.PREFIX), who + ": " + o.result().explanation());
            assertTrue(Double.isNaN(o.result().headline().value()), who + ": headline " + o.result().headline());
        }
        JsonNode json = new ObjectMapper().readTree(ReportJson.toString(img, rep, false));
        for (JsonNode ind : json.path("indicators")) {
            if (fileBytes(ind.path("id").asText())) continue;
            assertTrue(ind.path("headline").path("value").isNull(), ind.toString());
        }
    }

    private static boolean fileBytes(String indicatorId) {
        EvidenceFamily f = IndicatorRegistry.byId(indicatorId).family();
        return f == EvidenceFamily.FILE || f == EvidenceFamily.JPEG;
    }

    private static Path flat(String name, int w, int h, int argb, int type, String format) throws Exception {
        BufferedImage img = new BufferedImage(w, h, type);
        int[] row = new int[w];
        java.util.Arrays.fill(row, argb);
        for (int y = 0; y < h; y++) img.setRGB(0, y, w, 1, row, 0, w);
        Path p = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, p.toFile()), format);
        return p;
    }

    private static Path noise(String name, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(name.hashCode());
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(1 << 24));
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    private static Path resource(String name) throws Exception {
        try (InputStream in = DegenerateImagesTest.class.getResourceAsStream("/org/provenant/core/io/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }
}
