package org.provenant.ml.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * JPEG AI at one rate point: the verification model's ten networks (JPEG AI verification-model networks, Smart
 * Harmony LLC, CC BY 4.0; models/jpeg-ai/) run through DJL's ONNX Runtime engine, with our glue
 * ({@link JpegAiGlue}) around them. This is <b>the VM networks plus glue, not bit-exact JPEG AI</b>: JPEG AI's
 * per-channel gain vectors (its rate control) and its decoder-side enhancement tools are not in the graphs, and
 * the rate is the ideal code length of the hyperprior's Gaussian model, not an arithmetic-coded bitstream.
 *
 * <p>Per tile of at most 1024x1024 pixels, padded (edge replicated) to multiples of {@link #PAD} (the graphs are
 * fully convolutional; models/training/jpegai_dynamic.py frees their declared 1024 shapes): RGB -> YCbCr BT.709 full range on 0..255; luma to the luma
 * analysis network (64x64x128 latent y); [luma, Cb, Cr] at half resolution (2x2 mean, 4:2:0) to the chroma
 * analysis network (32x32x64); each latent's hyper encoder -> z_hat = round(z) -> hyper decoder (mean mu) and
 * hyper scale decoder (sigma = |output|); y_hat = mu + step * round((y - mu) / step) with the rate point's
 * step; the luma synthesis takes y_hat (4x4 depth-to-space of 16 channels), the chroma synthesis the luma
 * y_hat at stride 2 then the chroma y_hat (192 channels); chroma back to full size bilinearly.
 */
public final class JpegAiCodec implements ImageCodec, AutoCloseable {
    public static final String ID = "jpeg-ai";
    /** Largest luma tile: the size the VM graphs were exported for (chroma: half of it). */
    public static final int TILE = 1024;
    /**
     * Tiles are padded to multiples of this (the chroma hyper-latent downsamples the half-size chroma by 64).
     * Measured against padding every tile to the full 1024 (models/README.md): same quality, far less work.
     */
    public static final int PAD = 128;
    /** Manifest names of the ten graphs, in the order of the fields below. */
    static final String[] GRAPHS = {"encoder-y", "encoder-uv", "hyper-encoder-y", "hyper-encoder-uv",
        "hyper-decoder-y", "hyper-decoder-uv", "hyper-scale-decoder-y", "hyper-scale-decoder-uv", "decoder-y", "decoder-uv"};
    /** Manifest property of jpeg-ai-encoder-y listing the rate points, e.g. "q1:2,q2:1,q3:0.5" (name:step). */
    public static final String RATE_POINTS = "ratePoints";

    private final String ratePoint;
    private final double step;
    private final OnnxGraph[] g;
    /** Recent graph runs on small inputs, shared by every rate point of these graphs. */
    private final GraphMemo memo;
    /** Multiple the tiles are padded to: {@link #PAD}, or {@link #TILE} for the fixed-shape behaviour (measurement). */
    private final int pad;
    /** Chroma resampling: 2x2 mean down and bilinear up (ours), or the alternatives measured against them. */
    private final boolean meanDown, bilinearUp;

    /** The result of one tile: luma plane (tw x th padded), chroma planes (half of that), bits, luma latents. */
    private record Tile(float[] y, float[] cb, float[] cr, int width, double bits, Latents lumaHat) { }

    private JpegAiCodec(String ratePoint, double step, Closer graphs, int pad, boolean meanDown, boolean bilinearUp) {
        this.ratePoint = ratePoint;
        this.step = step;
        this.g = graphs.graphs();
        this.memo = graphs.memo();
        this.pad = pad;
        this.meanDown = meanDown;
        this.bilinearUp = bilinearUp;
    }

    /** The same rate point with tiles padded to multiples of {@code multiple} (128 or 1024: a measurement). */
    JpegAiCodec withPadding(int multiple) {
        return new JpegAiCodec(ratePoint, step, new Closer(g, memo), multiple, meanDown, bilinearUp);
    }

    /** The same rate point with other chroma resampling (false: top-left sample down, nearest up; a measurement). */
    JpegAiCodec withChroma(boolean meanDown, boolean bilinearUp) {
        return new JpegAiCodec(ratePoint, step, new Closer(g, memo), pad, meanDown, bilinearUp);
    }

    public static String modelName(String graph) {
        return "jpeg-ai-" + graph;
    }

    /** The rate points with their steps from the manifest, strongest compression (largest step) first. */
    public static List<String> ratePoints(ModelRegistry registry) {
        List<String> out = new ArrayList<>();
        for (String[] p : steps(registry)) out.add(p[0]);
        return out;
    }

    private static List<String[]> steps(ModelRegistry registry) {
        List<String[]> out = new ArrayList<>();
        String spec = registry.find(modelName(GRAPHS[0])).map(e -> e.property(RATE_POINTS, "")).orElse("");
        for (String part : spec.split(","))
            if (part.contains(":")) out.add(part.trim().split(":", 2));
        out.sort((a, b) -> Double.compare(Double.parseDouble(b[1]), Double.parseDouble(a[1])));
        return out;
    }

    /** Loads the ten graphs (each SHA-256 verified) for one rate point of the manifest. */
    public static JpegAiCodec load(ModelRegistry registry, String ratePoint) throws ModelException {
        double step = Double.NaN;
        for (String[] p : steps(registry)) if (p[0].equals(ratePoint)) step = Double.parseDouble(p[1]);
        if (!(step > 0)) throw new ModelException("No JPEG AI rate point '" + ratePoint + "' in the model manifest ("
                + modelName(GRAPHS[0]) + " property " + RATE_POINTS + ")");
        return new JpegAiCodec(ratePoint, step, graphs(registry), PAD, true, true);
    }

    /** The ten graphs, loaded once per registry and shared by all rate points (with their memo of recent runs). */
    private static Closer graphs(ModelRegistry registry) throws ModelException {
        return registry.cached("jpeg-ai-graphs", () -> {
            OnnxGraph[] g = new OnnxGraph[GRAPHS.length];
            try {
                for (int i = 0; i < g.length; i++) {
                    String name = modelName(GRAPHS[i]);
                    g[i] = OnnxGraph.load(name, registry.verifiedFile(name));
                }
            } catch (ModelException e) {
                for (OnnxGraph x : g) if (x != null) x.close();
                throw e;
            }
            return new Closer(g, new GraphMemo());
        });
    }

    /** Holds the shared graphs so that the registry closes them. */
    private record Closer(OnnxGraph[] graphs, GraphMemo memo) implements AutoCloseable {
        @Override public void close() {
            for (OnnxGraph x : graphs) x.close();
        }
    }

    public static JpegAiCodec shared(ModelRegistry registry, String ratePoint) throws ModelException {
        return registry.cached("jpeg-ai:" + ratePoint, () -> load(registry, ratePoint));
    }

    public static List<JpegAiCodec> sharedAll(ModelRegistry registry) throws ModelException {
        List<String> qs = ratePoints(registry);
        if (qs.isEmpty()) throw new ModelException("No JPEG AI rate points in the model manifest (" + modelName(GRAPHS[0]) + ")");
        List<JpegAiCodec> out = new ArrayList<>();
        for (String q : qs) out.add(shared(registry, q));
        return out;
    }

    @Override public String codecId() { return ID; }
    @Override public String ratePoint() { return ratePoint; }
    public double step() { return step; }
    @Override public int alignment() { return TILE; }

    @Override
    public Compression compress(FloatImage rgb) throws ModelException {
        return run(rgb.toRgb(), true);
    }

    @Override
    public FloatImage decodeUnquantized(FloatImage rgb) throws ModelException {
        return run(rgb.toRgb(), false).decoded();
    }

    private Compression run(FloatImage in, boolean quantize) throws ModelException {
        int w = in.width(), h = in.height(), w2 = (w + 1) / 2, h2 = (h + 1) / 2;
        float[][] ycc = JpegAiGlue.rgbToYcc(in.plane(0), in.plane(1), in.plane(2));
        float[][] half = new float[3][];
        for (int k = 0; k < 3; k++) half[k] = meanDown ? JpegAiGlue.half(ycc[k], w, h) : JpegAiGlue.subsample(ycc[k], w, h);
        float[] yOut = new float[w * h], cbOut = new float[w2 * h2], crOut = new float[w2 * h2];
        double bits = 0;
        Latents last = null;
        for (int ty = 0; ty < h; ty += TILE)
            for (int tx = 0; tx < w; tx += TILE) {
                int tw = Math.min(TILE, w - tx), th = Math.min(TILE, h - ty);
                Tile t = tile(ycc[0], half, w, h, tx, ty, tw, th, quantize);
                bits += t.bits();
                last = t.lumaHat();
                for (int y = 0; y < th; y++) System.arraycopy(t.y(), y * t.width(), yOut, (ty + y) * w + tx, tw);
                int cx = tx / 2, cy = ty / 2, cw = Math.min(TILE / 2, w2 - cx), ch = Math.min(TILE / 2, h2 - cy);
                for (int y = 0; y < ch; y++) {
                    System.arraycopy(t.cb(), y * (t.width() / 2), cbOut, (cy + y) * w2 + cx, cw);
                    System.arraycopy(t.cr(), y * (t.width() / 2), crOut, (cy + y) * w2 + cx, cw);
                }
            }
        float[] cb = bilinearUp ? JpegAiGlue.double2(cbOut, w2, h2, w, h) : JpegAiGlue.nearest2(cbOut, w2, w, h);
        float[] cr = bilinearUp ? JpegAiGlue.double2(crOut, w2, h2, w, h) : JpegAiGlue.nearest2(crOut, w2, w, h);
        float[][] rgb = JpegAiGlue.yccToRgb(yOut, cb, cr);
        FloatImage out = new FloatImage(w, h, rgb).quantize8();
        return new Compression(out, quantize ? bits / ((double) w * h) : Double.NaN, NeuralCodec.psnr(in, out), last);
    }

    private Tile tile(float[] luma, float[][] half, int w, int h, int tx, int ty, int tw, int th, boolean quantize)
            throws ModelException {
        int w2 = (w + 1) / 2, h2 = (h + 1) / 2, pw = ceil(tw, pad) * pad, ph = ceil(th, pad) * pad;
        Latents xl = new Latents(1, ph, pw, JpegAiGlue.window(luma, w, h, tx, ty, pw, ph));
        int n = pw / 2 * (ph / 2);
        float[] xc = new float[3 * n];
        for (int k = 0; k < 3; k++)
            System.arraycopy(JpegAiGlue.window(half[k], w2, h2, tx / 2, ty / 2, pw / 2, ph / 2), 0, xc, k * n, n);
        Latents yl = run(0, xl), yc = run(1, new Latents(3, ph / 2, pw / 2, xc));
        Latents yHatL = yl, yHatC = yc;
        double bits = 0;
        if (quantize) {
            Latents zl = run(2, yl).rounded(), zc = run(3, yc).rounded();
            Latents muL = run(4, zl), muC = run(5, zc), sL = run(6, zl), sC = run(7, zc);
            yHatL = JpegAiGlue.quantize(yl, muL, step);
            yHatC = JpegAiGlue.quantize(yc, muC, step);
            bits = JpegAiGlue.gaussianBits(yHatL, muL, sL, step, ceil(th, 16), ceil(tw, 16))
                    + JpegAiGlue.gaussianBits(yHatC, muC, sC, step, ceil(th, 32), ceil(tw, 32))
                    + JpegAiGlue.hyperBits(zl, ceil(th, 64), ceil(tw, 64))
                    + JpegAiGlue.hyperBits(zc, ceil(th, 128), ceil(tw, 128));
        }
        float[] y = JpegAiGlue.depthToSpace(run(8, yHatL), 1)[0];
        float[][] uv = JpegAiGlue.depthToSpace(run(9, JpegAiGlue.chromaDecoderInput(yHatL, yHatC)), 2);
        return new Tile(y, uv[0], uv[1], pw, bits, yHatL);
    }

    /**
     * The luma latents on the quantization grid, (y - mu) / step, for the whole image: [128, ceil(h/16),
     * ceil(w/16)] assembled from the tiles (the padding's latents left out).
     */
    @Override
    public Latents gridLatents(FloatImage rgb) throws ModelException {
        FloatImage in = rgb.toRgb();
        int w = in.width(), h = in.height(), lw = ceil(w, 16), lh = ceil(h, 16);
        float[] luma = JpegAiGlue.rgbToYcc(in.plane(0), in.plane(1), in.plane(2))[0];
        float[] out = null;
        int ch = 0;
        for (int ty = 0; ty < h; ty += TILE)
            for (int tx = 0; tx < w; tx += TILE) {
                int pw = ceil(Math.min(TILE, w - tx), pad) * pad, ph = ceil(Math.min(TILE, h - ty), pad) * pad;
                Latents y = run(0, new Latents(1, ph, pw, JpegAiGlue.window(luma, w, h, tx, ty, pw, ph)));
                Latents grid = JpegAiGlue.onGrid(y, run(4, run(2, y).rounded()), step);
                if (out == null) {
                    ch = grid.channels();
                    out = new float[ch * lh * lw];
                }
                int oy = ty / 16, ox = tx / 16, rows = Math.min(grid.height(), lh - oy), cols = Math.min(grid.width(), lw - ox);
                for (int k = 0; k < ch; k++)
                    for (int r = 0; r < rows; r++)
                        System.arraycopy(grid.data(), (k * grid.height() + r) * grid.width(), out, (k * lh + oy + r) * lw + ox, cols);
            }
        return new Latents(ch, lh, lw, out);
    }

    private Latents run(int graph, Latents in) throws ModelException {
        return memo.run(graph, in, () -> g[graph].run(null, in).get(0));
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "JPEG AI VM %s (step %.3g)", ratePoint, step);
    }

    /** The shared graphs belong to the registry; nothing to close per rate point. */
    @Override
    public void close() { }

    static ModelEntry entry(ModelRegistry registry) throws ModelException {
        return registry.find(modelName(GRAPHS[0])).orElseThrow(() -> new ModelException("No " + modelName(GRAPHS[0]) + " in the manifest"));
    }
}
