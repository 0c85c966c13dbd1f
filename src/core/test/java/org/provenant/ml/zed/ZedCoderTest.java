package org.provenant.ml.zed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelRegistry;

/** The shipped ZED coder: its manifest entry, its ONNX outputs against the recipe's reference tensors, tiling. */
class ZedCoderTest {
    static final Path REFERENCE = Path.of("src/core/test/resources/zed");

    static float[] floats(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    @Test
    void manifestEntryIsVerifiedAndDescribesTheCoder() throws Exception {
        try (ModelRegistry reg = ModelRegistry.load(Path.of("models"))) {
            ModelEntry e = reg.find(ZedCoder.MODEL).orElseThrow();
            assertEquals("zed.coder", e.kind());
            assertTrue(Files.isRegularFile(reg.verifiedFile(ZedCoder.MODEL)), "SHA-256 matches the file");
            assertEquals(3, (int) e.number("channels"));
            assertTrue(e.number("levels") >= 3, "several levels");
            assertTrue(e.number("trainingSteps") >= 1000, "trained, not a smoke export");
            assertTrue(e.howMade().contains("real photographs only"));
        }
    }

    @Test
    void onnxOutputsMatchTheRecipesReferenceTensors() throws Exception {
        JsonNode meta = new ObjectMapper().readTree(REFERENCE.resolve("reference.json").toFile());
        try (ModelRegistry reg = ModelRegistry.load(Path.of("models"))) {
            ZedCoder coder = ZedCoder.fromRegistry(reg);
            for (JsonNode c : meta.get("cases")) {
                int level = c.get("level").asInt();
                JsonNode fs = c.get("fine").get("shape");
                int h = fs.get(2).asInt(), w = fs.get(3).asInt();
                float[] in = floats(REFERENCE.resolve(c.get("fine").get("file").asText()));
                float[][] fine = new float[3][w * h];
                for (int ch = 0; ch < 3; ch++) System.arraycopy(in, ch * w * h, fine[ch], 0, w * h);
                ZedCoder.Level got = coder.level(fine, w, h, level, f -> { });
                float[] nll = floats(REFERENCE.resolve(c.get("nll").get("file").asText()));
                float[] ent = floats(REFERENCE.resolve(c.get("entropy").get("file").asText()));
                int n = (w / 2) * (h / 2), k = nll.length / n;
                for (int i = 0; i < n; i++) {
                    float sn = 0, se = 0;
                    for (int j = 0; j < k; j++) {
                        sn += nll[j * n + i];
                        se += ent[j * n + i];
                    }
                    assertEquals(sn, got.nll()[i], 1e-3 * Math.max(1, Math.abs(sn)), "level " + level + " nll at " + i);
                    assertEquals(se, got.entropy()[i], 1e-3 * Math.max(1, Math.abs(se)), "level " + level + " entropy at " + i);
                }
            }
        }
    }

    @Test
    void tilesGiveWhatTheWholeLevelGives() throws Exception {
        int w = 2 * (ZedCoder.TILE + 40), h = 2 * 48;
        float[][] fine = new float[3][w * h];
        java.util.Random r = new java.util.Random(7);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    fine[c][y * w + x] = Math.max(0, Math.min(255, Math.round(120 + 60 * (float) Math.sin(x * 0.05 + c) + 8 * (float) r.nextGaussian())));
                }
            }
        }
        try (ModelRegistry reg = ModelRegistry.load(Path.of("models"))) {
            ZedCoder coder = ZedCoder.fromRegistry(reg);
            ZedCoder.Level tiled = coder.level(fine, w, h, 0, f -> { });
            // the same blocks coded as one right-hand window wide enough to hold a whole tile plus margins
            int cut = 2 * 24;
            float[][] part = new float[3][(w - cut) * h];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) System.arraycopy(fine[c], y * w + cut, part[c], y * (w - cut), w - cut);
            }
            ZedCoder.Level right = coder.level(part, w - cut, h, 0, f -> { });
            int cw = w / 2, pw = (w - cut) / 2;
            // far from both the cut and the tile seams, the two agree exactly: tiling does not change the result
            int x = cw - 2;
            for (int y = 0; y < h / 2; y++) {
                assertEquals(tiled.nll()[y * cw + x], right.nll()[y * pw + x - cut / 2], 1e-3, "block " + x + "," + y);
            }
            assertTrue(Double.isFinite(tiled.gap()) && tiled.meanEntropy() > 0, "gap " + tiled.gap());
        }
    }

    @Test
    void pyramidRoundsHalfUp() {
        float[][] f = {{0, 1, 2, 3, 1, 1, 1, 0}};
        float[][] d = Pyramid.down(f, 4, 2);
        assertEquals(1f, d[0][0], "(0+1+1+1)/4 = 0.75 -> 1");
        assertEquals(2f, d[0][1], "(2+3+1+0)/4 = 1.5 -> 2");
    }

    @Test
    void codingAnImageReportsProgressAndEveryLevel() throws Exception {
        FloatImage img = FloatImage.blank(64, 48, 3);
        for (int c = 0; c < 3; c++) for (int i = 0; i < img.pixels(); i++) img.plane(c)[i] = (i * 37 % 251) / 255f;
        try (ModelRegistry reg = ModelRegistry.load(Path.of("models"))) {
            ZedCoder coder = ZedCoder.fromRegistry(reg);
            double[] last = {0};
            ZedCoder.Level[] lv = coder.code(img, f -> last[0] = f);
            assertEquals(coder.levels(), lv.length);
            assertEquals(32, lv[0].width());
            assertEquals(24, lv[0].height());
            assertEquals(1.0, last[0], 1e-9);
            for (ZedCoder.Level l : lv) assertTrue(Double.isFinite(l.gap()) && l.meanEntropy() >= 0);
        }
    }
}
