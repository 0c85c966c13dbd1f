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

    @Test
    void glueFactsHoldOnTheDump() throws Exception {
        // hyper-latent: z_hat = round(z), exactly
        Latents z = tensor("encoder/output_hyper_encoder_y", 128, 16, 16);
        assertEquals(0.0, maxAbs(z.rounded(), tensor("decoder/input_hyper_decoder_y", 128, 16, 16)), "z_hat = round(z)");
        // latent quantized around the hyperprior mean at step 1 (plain rounding matches about 1 %)
        Latents y = tensor("encoder/output_encoder_y", 128, 64, 64), mu = tensor("encoder/output_hyper_decoder_y", 128, 64, 64);
        Latents yHat = tensor("decoder/input_decoder_y", 128, 64, 64);
        double around = agree(JpegAiGlue.quantize(y, mu, 1), yHat), plain = agree(y.rounded(), yHat);
        System.out.printf(Locale.ROOT, "y_hat = mu + round(y - mu): %.2f %% of elements; round(y): %.2f %%%n", 100 * around, 100 * plain);
        assertTrue(around > 0.99 && plain < 0.05, "quantization around the mean " + around + ", plain " + plain);
        // 192-channel chroma decoder input: luma y_hat at stride 2 from (0, 0), then the chroma y_hat
        Latents uvIn = tensor("decoder/input_decoder_uv", 192, 32, 32);
        Latents chroma = new Latents(64, 32, 32, java.util.Arrays.copyOfRange(uvIn.data(), 128 * 32 * 32, uvIn.data().length));
        assertEquals(0.0, maxAbs(JpegAiGlue.chromaDecoderInput(yHat, chroma), uvIn), "luma part of the 192 channels");
        double avg = maxAbs(averaged(yHat, chroma), uvIn);
        System.out.printf(Locale.ROOT, "192 channels: stride 2 from (0,0) exact; 2x2 average off by up to %.2f%n", avg);
        assertTrue(avg > 1, "the alternative layout is distinguishable");
        // chroma decoder output: 2 planes of 4x4 depth-to-space, close to the chroma that went in (wrong layouts are far)
        float[][] uv = JpegAiGlue.depthToSpace(tensor("decoder/output_decoder_uv", 32, 128, 128), 2);
        Latents in = tensor("encoder/input_encoder_uv", 3, 512, 512);
        for (int k = 0; k < 2; k++) {
            float[] plane = java.util.Arrays.copyOfRange(in.data(), (k + 1) * 512 * 512, (k + 2) * 512 * 512);
            double p = psnr255(uv[k], plane);
            System.out.printf(Locale.ROOT, "chroma plane %d after decoding: %.1f dB%n", k, p);
            assertTrue(p > 30, "chroma plane " + k + " " + p + " dB");
        }
        // rate of the dump's luma latent under the Gaussian model with sigma = |s| (README: about 28.9 kbit)
        Latents s = tensor("encoder/output_hyper_scale_decoder_y", 128, 64, 64);
        double bits = JpegAiGlue.gaussianBits(yHat, mu, s, 1, 64, 64);
        float[] e = s.data().clone(), sp = s.data().clone();
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) Math.exp(s.data()[i]);
            sp[i] = (float) Math.log1p(Math.exp(s.data()[i]));
        }
        double bitsExp = JpegAiGlue.gaussianBits(yHat, mu, new Latents(128, 64, 64, e), 1, 64, 64);
        double bitsSoftplus = JpegAiGlue.gaussianBits(yHat, mu, new Latents(128, 64, 64, sp), 1, 64, 64);
        double zBits = JpegAiGlue.hyperBits(tensor("decoder/input_hyper_decoder_y", 128, 16, 16), 16, 16);
        System.out.printf(Locale.ROOT, "luma latent: sigma = |s| %.1f kbit, exp(s) %.1f kbit, softplus(s) %.1f kbit;"
                + " hyper-latent (per-channel Laplace estimate) %.1f kbit%n", bits / 1000, bitsExp / 1000, bitsSoftplus / 1000, zBits / 1000);
        assertTrue(bits < bitsExp && bits < bitsSoftplus, "|s| gives the shortest code: it is the scale");
        assertEquals(28.9e3, bits, 3e3);
    }

    /** The alternative 192-channel layout: the luma latent 2x2-averaged instead of sampled. */
    static Latents averaged(Latents luma, Latents chroma) {
        float[] d = JpegAiGlue.chromaDecoderInput(luma, chroma).data().clone();
        for (int c = 0; c < 128; c++)
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++)
                    d[(c * 32 + y) * 32 + x] = 0.25f * (luma.get(c, 2 * y, 2 * x) + luma.get(c, 2 * y + 1, 2 * x)
                            + luma.get(c, 2 * y, 2 * x + 1) + luma.get(c, 2 * y + 1, 2 * x + 1));
        return new Latents(192, 32, 32, d);
    }

    static double agree(Latents a, Latents b) {
        int n = 0;
        for (int i = 0; i < a.data().length; i++) if (Math.abs(a.data()[i] - b.data()[i]) < 1e-3) n++;
        return n / (double) a.data().length;
    }

    static double psnr255(float[] a, float[] b) {
        double se = 0;
        for (int i = 0; i < a.length; i++) se += (a[i] - b[i]) * (a[i] - b[i]);
        return 10 * Math.log10(255.0 * 255 / (se / a.length));
    }

    @Test
    void depthToSpaceAndColourRoundTrip() {
        // channel (row % 4) * 4 + (col % 4) at (row / 4, col / 4)
        float[] d = new float[16 * 2 * 2];
        for (int c = 0; c < 16; c++) d[c * 4 + 1] = c;  // latent position (0, 1)
        float[] p = JpegAiGlue.depthToSpace(new Latents(16, 2, 2, d), 1)[0];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++) assertEquals((r * 4 + c) * 128f + 127.5f, p[r * 8 + 4 + c], 1e-3);
        float[] r = {0, 1, 0.2f, 1}, g = {0, 1, 0.5f, 0}, b = {0, 1, 0.9f, 0};
        float[][] ycc = JpegAiGlue.rgbToYcc(r, g, b);
        assertEquals(255 * 0.2126, ycc[0][3], 1e-3);   // BT.709 luma of pure red
        assertEquals(255, ycc[2][3], 1e-3);            // saturated red lands on Cr = 255
        float[][] back = JpegAiGlue.yccToRgb(ycc[0], ycc[1], ycc[2]);
        for (int i = 0; i < 4; i++) assertEquals(r[i], back[0][i], 1e-5);
    }
}
