package org.provenant.ml.noiseprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.ReferenceTensors;

/**
 * The shipped noiseprint network (models/noiseprint) against the reference output its recipe exported from PyTorch
 * (src/core/test/resources/noiseprint), and its manifest entry.
 */
class NoiseprintNetTest {
    /**
     * Largest difference allowed (float32, ONNX Runtime vs PyTorch), relative to the largest reference value: the
     * residual is scaled (GAIN 20 in the recipe), so its edges reach several units and the two runtimes' summation
     * orders differ by about 2e-4 there.
     */
    static final double TOL = 1e-4;
    static ModelRegistry registry;

    @BeforeAll
    static void open() throws Exception {
        registry = ModelRegistry.load(Path.of("models"));
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    static FloatImage referenceInput() throws Exception {
        return ReferenceTensors.image("/noiseprint/reference-input.png");
    }

    @Test
    void reproducesTheRecipesReferenceOutput() throws Exception {
        FloatImage img = referenceInput();
        int w = img.width(), h = img.height();
        float[] ref = ReferenceTensors.floats("/noiseprint/reference-output.f32", w * h);
        float[] out = NoiseprintNet.fromRegistry(registry).window(img, 0, 0, w, h);
        double max = 0, scale = 0;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(out[i] - ref[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
        }
        assertTrue(scale > 0, "the reference output is all zeros");
        assertTrue(max < TOL * scale, "max |ONNX - PyTorch| = " + max + " at scale " + scale);
    }

    /** A window inside the image sees MARGIN pixels of context: it equals the same pixels of a whole-image pass. */
    @Test
    void aWindowWithItsMarginMatchesTheWholeImagePass() throws Exception {
        FloatImage img = referenceInput();
        int w = img.width();
        NoiseprintNet net = NoiseprintNet.fromRegistry(registry);
        float[] whole = net.window(img, 0, 0, w, img.height());
        int x = 40, y = 36, s = 16;
        float[] part = net.window(img, x, y, s, s);
        double scale = 0;
        for (float v : whole) scale = Math.max(scale, Math.abs(v));
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) assertEquals(whole[(y + r) * w + x + c], part[r * s + c], TOL * scale);
        }
    }

    @Test
    void manifestEntryStatesHowItWasMadeAndMeasured() throws Exception {
        ModelEntry e = registry.find(NoiseprintNet.MODEL).orElseThrow();
        assertEquals("noiseprint.extractor", e.kind());
        assertTrue(e.howMade().contains("train_noiseprint.py"), e.howMade());
        assertTrue(e.property("accuracy", "").contains("AUC"), "measured accuracy in the manifest");
        registry.verifiedFile(NoiseprintNet.MODEL); // SHA-256 matches
    }
}
