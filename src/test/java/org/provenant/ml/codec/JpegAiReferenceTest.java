package org.provenant.ml.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * The JPEG AI graphs in models/jpeg-ai and our glue against the verification model's reference tensors
 * (shared/models/jpeg-ai-vm/reference-io, found by walking up from the working directory to a sibling
 * {@code shared} folder; skipped where it is absent).
 */
class JpegAiReferenceTest {
    /** Largest absolute difference allowed between a graph's output and the reference (float32, ONNX Runtime vs PyTorch). */
    static final double TOL = 2e-3;
    static Path ref;
    static ModelRegistry registry;

    static Path shared() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolveSibling("shared").resolve("models/jpeg-ai-vm/reference-io");
            if (Files.isDirectory(s)) return s;
            Path in = d.resolve("shared/models/jpeg-ai-vm/reference-io");
            if (Files.isDirectory(in)) return in;
        }
        return null;
    }

    @BeforeAll
    static void open() throws ModelException {
        ref = shared();
        Assumptions.assumeTrue(ref != null, "shared/models/jpeg-ai-vm/reference-io not found beside the checkout");
        registry = ModelRegistry.load(Path.of("models"));
    }

    @AfterAll
    static void close() {
        if (registry != null) registry.close();
    }

    static Latents tensor(String file, int c, int h, int w) throws IOException {
        byte[] b = Files.readAllBytes(ref.resolve(file));
        assertEquals(4L * c * h * w, b.length, file);
        float[] f = new float[c * h * w];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return new Latents(c, h, w, f);
    }

    static double maxAbs(Latents a, Latents b) {
        assertEquals(a.data().length, b.data().length);
        double m = 0;
        for (int i = 0; i < a.data().length; i++) m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
        return m;
    }

    static Latents run(String graph, Latents in) throws ModelException {
        return OnnxGraph.load(graph, registry.verifiedFile(JpegAiCodec.modelName(graph))).run(null, in).get(0);
    }

    static void reproduces(String graph, String in, int[] si, String out, int[] so) throws Exception {
        double d = maxAbs(run(graph, tensor(in, si[0], si[1], si[2])), tensor(out, so[0], so[1], so[2]));
        System.out.printf(Locale.ROOT, "%-24s max |diff| %.2e%n", graph, d);
        assertTrue(d < TOL, graph + " differs from the reference by " + d);
    }

    static final int[] Y = {128, 64, 64}, UV = {64, 32, 32}, ZY = {128, 16, 16}, ZUV = {64, 8, 8};

    @Test
    void eachNetworkReproducesItsReferenceOutput() throws Exception {
        reproduces("encoder-uv", "encoder/input_encoder_uv", new int[] {3, 512, 512}, "encoder/output_encoder_uv", UV);
        reproduces("hyper-encoder-y", "encoder/input_hyper_encoder_y", Y, "encoder/output_hyper_encoder_y", ZY);
        reproduces("hyper-encoder-uv", "encoder/input_hyper_encoder_uv", UV, "encoder/output_hyper_encoder_uv", ZUV);
        for (String side : new String[] {"encoder", "decoder"}) {
            // the shipped (decoder-side) hyper decoders reproduce both sides' dumps: the encoder's copies are not needed
            reproduces("hyper-decoder-y", side + "/input_hyper_decoder_y", ZY, side + "/output_hyper_decoder_y", Y);
            reproduces("hyper-decoder-uv", side + "/input_hyper_decoder_uv", ZUV, side + "/output_hyper_decoder_uv", UV);
            reproduces("hyper-scale-decoder-y", side + "/input_hyper_scale_decoder_y", ZY, side + "/output_hyper_scale_decoder_y", Y);
            reproduces("hyper-scale-decoder-uv", side + "/input_hyper_scale_decoder_uv", ZUV, side + "/output_hyper_scale_decoder_uv", UV);
        }
        reproduces("decoder-uv", "decoder/input_decoder_uv", new int[] {192, 32, 32}, "decoder/output_decoder_uv", new int[] {32, 128, 128});
    }
}
