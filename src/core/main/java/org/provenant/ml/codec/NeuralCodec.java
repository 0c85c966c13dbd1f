package org.provenant.ml.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.provenant.core.color.YCbCr;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * A learned image codec at one rate point, run through DJL's ONNX Runtime engine: JPEG AI's pre-processing
 * (RGB -> YCbCr BT.601 full range -> chroma 4:2:0 and back up) in Java, then four ONNX graphs from the model
 * manifest, each verified by SHA-256 before it is loaded:
 * <pre>
 *   codec-{id}-{rate}-analysis   x[1,3,H,W] (YCbCr)         -> y[1,M,H/16,W/16]   continuous latents
 *   codec-{id}-{rate}-hyper      y                          -> z[1,Nz,H/64,W/64]  continuous hyper-latents
 *   codec-{id}-{rate}-entropy    y_hat, z_hat (rounded)     -> y_likelihoods, z_likelihoods
 *   codec-{id}-{rate}-synthesis  y_hat                      -> x_hat[1,3,H,W] (YCbCr)
 * </pre>
 * H and W are padded (edge replicated) to the manifest's "multiple" (64 by default) and cropped back after
 * decoding. The rate is the ideal code length -sum(log2 likelihood) of y_hat and z_hat over the image's pixels.
 * Instances are thread-safe.
 */
public final class NeuralCodec implements ImageCodec, AutoCloseable {
    /** Id of the codec shipped in models/codec (our scale-hyperprior, see models/training/train_codec.py). */
    public static final String DEFAULT_CODEC = "hp";
    static final String[] PARTS = {"analysis", "hyper", "entropy", "synthesis"};
    /**
     * Images above this many pixels are compressed in independent tiles of {@link #TILE} pixels (as JPEG AI may
     * tile): keeps ONNX Runtime's memory bounded for 12 MP photos. Our choice.
     */
    public static final long MAX_WHOLE_PIXELS = 2048L * 2048L;
    public static final int TILE = 1024;

    private final String codecId;
    private final String ratePoint;
    private final int multiple;
    private final OnnxGraph analysis;
    private final OnnxGraph hyper;
    private final OnnxGraph entropy;
    private final OnnxGraph synthesis;

    private NeuralCodec(String codecId, String ratePoint, int multiple, OnnxGraph[] g) {
        this.codecId = codecId;
        this.ratePoint = ratePoint;
        this.multiple = multiple;
        this.analysis = g[0];
        this.hyper = g[1];
        this.entropy = g[2];
        this.synthesis = g[3];
    }

    /** Manifest name of one graph of a codec. */
    public static String modelName(String codecId, String ratePoint, String part) {
        return "codec-" + codecId + "-" + ratePoint + "-" + part;
    }

    /**
     * Loads the four graphs of one rate point after verifying each file's SHA-256; a missing, tampered or
     * unloadable file gives a ModelException with a one-line message naming the file.
     */
    public static NeuralCodec load(ModelRegistry registry, String codecId, String ratePoint) throws ModelException {
        java.nio.file.Path[] files = new java.nio.file.Path[PARTS.length];
        for (int i = 0; i < PARTS.length; i++) files[i] = registry.verifiedFile(modelName(codecId, ratePoint, PARTS[i]));
        ModelEntry a = registry.find(modelName(codecId, ratePoint, "analysis")).orElseThrow();
        int multiple;
        try {
            multiple = Integer.parseInt(a.property("multiple", "64"));
        } catch (NumberFormatException e) {
            throw new ModelException("Model '" + a.name() + "' has a non-numeric 'multiple' property");
        }
        if (multiple < 16 || multiple % 16 != 0)
            throw new ModelException("Model '" + a.name() + "' has 'multiple' " + multiple + ", expected a multiple of 16");
        OnnxGraph[] g = new OnnxGraph[PARTS.length];
        try {
            for (int i = 0; i < PARTS.length; i++) g[i] = OnnxGraph.load(modelName(codecId, ratePoint, PARTS[i]), files[i]);
        } catch (ModelException e) {
            for (OnnxGraph x : g) if (x != null) x.close();
            throw e;
        }
        return new NeuralCodec(codecId, ratePoint, multiple, g);
    }

    /** The registry's shared instance of one rate point (loaded once, closed with the registry). */
    public static NeuralCodec shared(ModelRegistry registry, String codecId, String ratePoint) throws ModelException {
        return registry.cached("neural-codec:" + codecId + ":" + ratePoint, () -> load(registry, codecId, ratePoint));
    }

    /**
     * The rate points the manifest lists for a codec (entries of kind codec.analysis whose "codec" property is
     * {@code codecId}), from the strongest compression to the mildest: ordered by the "lambda" property, else
     * by name.
     */
    public static List<String> ratePoints(ModelRegistry registry, String codecId) {
        List<ModelEntry> list = new ArrayList<>();
        for (ModelEntry e : registry.ofKind("codec.analysis"))
            if (codecId.equals(e.property("codec", "")) && !e.property("ratePoint", "").isEmpty()) list.add(e);
        list.sort(Comparator.comparingDouble((ModelEntry e) -> lambda(e)).thenComparing(e -> e.property("ratePoint", "")));
        List<String> out = new ArrayList<>();
        for (ModelEntry e : list) out.add(e.property("ratePoint", ""));
        return out;
    }

    private static double lambda(ModelEntry e) {
        try {
            return Double.parseDouble(e.property("lambda", "NaN"));
        } catch (NumberFormatException x) {
            return Double.NaN;
        }
    }

    /** All rate points of a codec, shared; fails with the first unusable model. */
    public static List<NeuralCodec> sharedAll(ModelRegistry registry, String codecId) throws ModelException {
        List<String> qs = ratePoints(registry, codecId);
        if (qs.isEmpty()) throw new ModelException("No codec '" + codecId + "' in the model manifest"
                + Optional.ofNullable(registry.directory()).map(d -> " " + d.resolve(ModelRegistry.MANIFEST)).orElse(" (no models folder found)"));
        List<NeuralCodec> out = new ArrayList<>();
        for (String q : qs) out.add(shared(registry, codecId, q));
        return out;
    }

    @Override public String codecId() { return codecId; }
    @Override public String ratePoint() { return ratePoint; }
    public int multiple() { return multiple; }
    @Override public int alignment() { return multiple; }

    /** JPEG AI's pre-processing: YCbCr planes with the chroma passed through 4:2:0 and back up. */
    public static FloatImage preprocess(FloatImage rgb) {
        FloatImage ycc = YCbCr.fromRgb(rgb);
        int w = ycc.width(), h = ycc.height(), w2 = (w + 1) / 2, h2 = (h + 1) / 2;
        float[] cb = YCbCr.upsample2(YCbCr.downsample2(ycc.plane(1), w, h), w2, h2, w, h);
        float[] cr = YCbCr.upsample2(YCbCr.downsample2(ycc.plane(2), w, h), w2, h2, w, h);
        return new FloatImage(w, h, new float[][] {ycc.plane(0), cb, cr});
    }

    /** Continuous latents y of the image (padded to the codec's multiple). */
    public Latents encode(FloatImage rgb) throws ModelException {
        return analysis.run(new String[] {"x"}, padded(preprocess(rgb))).get(0);
    }

    /** Decodes latents (rounded or not) to an RGB image of the given size, clamped to [0, 1]. */
    public FloatImage decode(Latents yHat, int width, int height) throws ModelException {
        Latents x = synthesis.run(new String[] {"y_hat"}, yHat).get(0);
        if (x.channels() != 3 || x.width() < width || x.height() < height)
            throw new ModelException("Codec '" + codecId + "' synthesis returned " + x + " for a " + width + "x" + height + " image");
        float[][] p = new float[3][width * height];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < height; y++)
                System.arraycopy(x.data(), (c * x.height() + y) * x.width(), p[c], y * width, width);
        FloatImage rgb = YCbCr.toRgb(new FloatImage(width, height, p));
        for (int c = 0; c < 3; c++) {
            float[] q = rgb.plane(c);
            for (int i = 0; i < q.length; i++) q[i] = Math.min(1f, Math.max(0f, q[i]));
        }
        return rgb;
    }

    /** Ideal code length in bits of the rounded latents of continuous latents {@code y} (y_hat plus side information z_hat). */
    public double bits(Latents y) throws ModelException {
        Latents yHat = y.rounded();
        Latents zHat = hyper.run(new String[] {"y"}, y).get(0).rounded();
        List<Latents> lik = entropy.run(new String[] {"y_hat", "z_hat"}, yHat, zHat);
        double bits = 0;
        for (Latents l : lik) for (float v : l.data()) bits -= Math.log(Math.max(v, 1e-9f));
        return bits / Math.log(2);
    }

    /**
     * Compresses and decompresses: encode, round, estimate the rate, decode, quantize to 8 bits. Images above
     * {@link #MAX_WHOLE_PIXELS} go in independent {@link #TILE}-pixel tiles (latents then belong to the last tile).
     */
    @Override
    public Compression compress(FloatImage rgb) throws ModelException {
        FloatImage in = rgb.toRgb();
        int w = in.width(), h = in.height();
        if ((long) w * h <= MAX_WHOLE_PIXELS) {
            Latents y = encode(in);
            double bits = bits(y);
            FloatImage out = decode(y.rounded(), w, h).quantize8();
            return new Compression(out, bits / ((double) w * h), psnr(in, out), y);
        }
        float[][] p = new float[3][w * h];
        double bits = 0;
        Latents last = null;
        for (int ty = 0; ty < h; ty += TILE)
            for (int tx = 0; tx < w; tx += TILE) {
                int tw = Math.min(TILE, w - tx), th = Math.min(TILE, h - ty);
                Compression t = compress(in.crop(tx, ty, tw, th));
                bits += t.bpp() * tw * th;
                last = t.latents();
                for (int c = 0; c < 3; c++)
                    for (int y = 0; y < th; y++)
                        System.arraycopy(t.decoded().plane(c), y * tw, p[c], (ty + y) * w + tx, tw);
            }
        FloatImage out = new FloatImage(w, h, p);
        return new Compression(out, bits / ((double) w * h), psnr(in, out), last);
    }

    /**
     * The synthetic stand-in of the training sets: the image decoded from its <em>unquantized</em> latents, so it
     * carries the codec's synthesis traces but no rounding of the latents (8-bit output).
     */
    @Override
    public FloatImage decodeUnquantized(FloatImage rgb) throws ModelException {
        FloatImage in = rgb.toRgb();
        return decode(encode(in), in.width(), in.height()).quantize8();
    }

    /** This codec rounds its latents y to the integers: the grid latents are y itself (padded to the multiple). */
    @Override
    public Latents gridLatents(FloatImage rgb) throws ModelException {
        return encode(rgb);
    }

    /** The central {@code size} x {@code size} crop (the whole image along a side shorter than {@code size}). */
    public static FloatImage centralCrop(FloatImage img, int size) {
        int w = Math.min(size, img.width()), h = Math.min(size, img.height());
        return img.crop((img.width() - w) / 2, (img.height() - h) / 2, w, h);
    }

    /** PSNR in dB between two images of the same size on [0, 1] (all channels); +infinity when identical. */
    public static double psnr(FloatImage a, FloatImage b) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels())
            throw new IllegalArgumentException("PSNR of differently shaped images " + a + " and " + b);
        double se = 0;
        for (int c = 0; c < a.channels(); c++) {
            float[] p = a.plane(c), q = b.plane(c);
            for (int i = 0; i < p.length; i++) {
                double d = p[i] - q[i];
                se += d * d;
            }
        }
        double mse = se / ((double) a.pixels() * a.channels());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
    }

    private Latents padded(FloatImage ycc) {
        int w = ycc.width(), h = ycc.height();
        int pw = (w + multiple - 1) / multiple * multiple, ph = (h + multiple - 1) / multiple * multiple;
        float[] d = new float[3 * pw * ph];
        for (int c = 0; c < 3; c++) {
            float[] src = ycc.plane(c);
            for (int y = 0; y < ph; y++) {
                int sy = Math.min(y, h - 1), o = (c * ph + y) * pw;
                System.arraycopy(src, sy * w, d, o, w);
                for (int x = w; x < pw; x++) d[o + x] = src[sy * w + w - 1];
            }
        }
        return new Latents(3, ph, pw, d);
    }

    @Override
    public void close() {
        analysis.close();
        hyper.close();
        entropy.close();
        synthesis.close();
    }
}
