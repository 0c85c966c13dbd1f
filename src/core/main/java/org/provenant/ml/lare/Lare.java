package org.provenant.ml.lare;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.DoubleConsumer;
import org.provenant.core.filter.Resample;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;

/**
 * Latent reconstruction error (LaRE, Luo et al., CVPR 2024, arXiv 2403.17465) with an autoencoder and a denoiser
 * from the model manifest: z = encode(x) * scalingFactor; z_t = sqrt(abar_t) z + sqrt(1 - abar_t) eps;
 * LaRE = mean over {@link #DRAWS} noise draws of (denoise(z_t, t) - eps)^2, element-wise.
 * The same code path serves the shipped default models (lare-*) and user-supplied Stable Diffusion exports: tensor
 * names, scaling factor, timestep, beta schedule and an optional fixed text embedding are read from the manifest
 * properties (models/README.md, section "LaRE models").
 */
public final class Lare {
    /** Manifest kind of the error-guided refinement (EGRE) head. */
    public static final String EGRE_KIND = "lare.egre";
    /** Noise draws averaged (the official script's 4). */
    public static final int DRAWS = 4;
    /** Timestep used when the manifest does not say (the official script's t = 200; stable for 150-300). */
    public static final int DEFAULT_T = 200;
    /** Working size of the whole-image mode (the paper resizes to 256x256). */
    public static final int SIZE = 256;
    /** Tile side of the native-resolution mode. Our choice: the size the models were trained at. */
    public static final int TILE = 256;
    /**
     * Most tiles the native-resolution mode runs. A larger image is first downscaled (keeping its aspect ratio) until
     * it needs at most this many tiles, and the stitched map is resized back to width/8 x height/8. Our choice: on the
     * 2 shared CPU cores a 12 MP image at native resolution took 192 tiles and 7.4 s ({@code bench-lare}, 38.6 ms per
     * tile, light load); bounded to 48 tiles LaRE was the most expensive indicator of the whole analysis (2.8 s wall
     * of a 10.8 s analysis at 12 MP, issue 13), for a map that draws no verdict. 16 tiles (about 1 MP: 1024 x 768 for
     * a 4:3 photo) keep it near 1 s; images up to that size keep their native resolution.
     */
    public static final int MAX_TILES = 16;
    /** Seed of the fixed noise draws: the same image always gives the same LaRE. Our choice. */
    public static final long NOISE_SEED = 0x4C615245L;
    /** System property naming the denoiser entry to use when the manifest has several. */
    public static final String DENOISER_PROPERTY = "provenant.lare.denoiser";

    private final OnnxNet encoder;
    private final OnnxNet denoiser;
    private final OnnxNet decoder;
    private final OnnxNet egre;
    private final String encIn, encOut, decIn, decOut, denLatent, denTime, denOut, egreImage, egreLare, egreOut;
    private final boolean timeInt64;
    private final float scale;
    private final int latentChannels, downsample, t, maxBatch;
    private final double sqrtAbar, sqrtOneMinusAbar;
    private final String embeddingInput;
    private final OnnxNet.Tensor embedding;
    private final String denoiserName;
    private final Map<Integer, float[]> noise = new java.util.concurrent.ConcurrentHashMap<>();

    private Lare(ModelRegistry reg, ModelEntry den) throws ModelException {
        denoiserName = den.name();
        ModelEntry enc = required(reg, den.property("encoder", "lare-encoder"), "encoder");
        encoder = net(reg, enc);
        denoiser = net(reg, den);
        encIn = enc.property("input", "x");
        encOut = enc.property("output", "z");
        scale = (float) number(enc, "scalingFactor", 1.0);
        latentChannels = (int) number(enc, "latentChannels", 4);
        downsample = (int) number(enc, "downsample", 8);
        String decName = enc.property("decoder", "lare-decoder");
        ModelEntry dec = reg.find(decName).orElse(null);
        decoder = dec == null ? null : net(reg, dec);
        decIn = dec == null ? null : dec.property("input", "z");
        decOut = dec == null ? null : dec.property("output", "x");
        denLatent = den.property("latentInput", "z_t");
        denTime = den.property("timestepInput", "t");
        denOut = den.property("output", "eps");
        timeInt64 = den.property("timestepType", "float32").equals("int64");
        t = (int) number(den, "t", DEFAULT_T);
        maxBatch = (int) number(den, "maxBatch", DRAWS);
        int steps = (int) number(den, "trainSteps", 1000);
        if (t < 0 || t >= steps) throw new ModelException("Model '" + den.name() + "': t = " + t + " is outside 0.." + (steps - 1));
        double abar = alphaBar(den.property("betaSchedule", "linear"), number(den, "betaStart", 1e-4),
                number(den, "betaEnd", 0.02), steps, t);
        sqrtAbar = Math.sqrt(abar);
        sqrtOneMinusAbar = Math.sqrt(1 - abar);
        String embName = den.properties().get("textEmbedding");
        if (embName != null) {
            embeddingInput = den.property("textEmbeddingInput", "encoder_hidden_states");
            embedding = readEmbedding(reg, required(reg, embName, "text embedding"));
        } else {
            embeddingInput = null;
            embedding = null;
        }
        ModelEntry eg = null;
        for (ModelEntry e : reg.ofKind(EGRE_KIND)) if (e.property("denoiser", "").equals(den.name())) eg = e;
        egre = eg == null ? null : net(reg, eg);
        egreImage = eg == null ? null : eg.property("imageInput", "x");
        egreLare = eg == null ? null : eg.property("lareInput", "lare");
        egreOut = eg == null ? null : eg.property("output", "p_generated");
    }

    /**
     * The LaRE models of the registry (the entry named by -Dprovenant.lare.denoiser, else the first of kind
     * "lare.denoiser"), loaded once and shared.
     */
    public static Lare fromRegistry(ModelRegistry reg) throws ModelException {
        String wanted = System.getProperty(DENOISER_PROPERTY);
        ModelEntry den;
        if (wanted != null && !wanted.isBlank()) {
            den = required(reg, wanted, "denoiser");
        } else {
            List<ModelEntry> dens = reg.ofKind("lare.denoiser");
            if (dens.isEmpty()) {
                throw new ModelException("LaRE needs a denoiser and an encoder in the model manifest (kind lare.denoiser and lare.encoder)"
                        + (reg.directory() == null ? "; no models folder was found" : " " + reg.directory().resolve(ModelRegistry.MANIFEST)));
            }
            den = dens.get(0);
        }
        final ModelEntry d = den;
        return reg.cached("lare:" + d.name(), () -> new Lare(reg, d));
    }

    public String denoiserName() { return denoiserName; }
    public int timestep() { return t; }
    public int latentChannels() { return latentChannels; }
    public boolean hasDecoder() { return decoder != null; }
    public boolean hasEgre() { return egre != null; }

    /** Whole-image mode: resize to 256x256, then {@link #compute}. */
    public LareMap computeResized(FloatImage image) throws ModelException {
        return compute(resize(image, SIZE, SIZE));
    }

    /** LaRE of an image whose sides are multiples of the encoder's downsampling (e.g. a 256x256 tile). */
    public LareMap compute(FloatImage x) throws ModelException {
        float[] z = encode(x);
        int h = x.height() / downsample, w = x.width() / downsample, n = latentChannels * h * w;
        for (int i = 0; i < n; i++) z[i] *= scale;
        float[] eps = noise(n);
        float[] sum = new float[n];
        float tv = t;
        for (int d0 = 0; d0 < DRAWS; d0 += maxBatch) {
            int b = Math.min(maxBatch, DRAWS - d0);
            float[] zt = new float[b * n];
            float[] tt = new float[b];
            for (int k = 0; k < b; k++) {
                int off = (d0 + k) * n;
                for (int i = 0; i < n; i++) zt[k * n + i] = (float) (sqrtAbar * z[i] + sqrtOneMinusAbar * eps[off + i]);
                tt[k] = tv;
            }
            Map<String, OnnxNet.Tensor> in = new LinkedHashMap<>();
            in.put(denLatent, OnnxNet.Tensor.of(zt, b, latentChannels, h, w));
            in.put(denTime, new OnnxNet.Tensor(tt, new long[]{b}, timeInt64));
            if (embedding != null) in.put(embeddingInput, repeat(embedding, b));
            float[] pred = denoiser.run(in, denOut).data();
            if (pred.length < b * n) throw new ModelException("Model '" + denoiserName + "' returned " + pred.length + " values, expected " + b * n);
            for (int k = 0; k < b; k++) {
                int off = (d0 + k) * n;
                for (int i = 0; i < n; i++) {
                    float e = pred[k * n + i] - eps[off + i];
                    sum[i] += e * e / DRAWS;
                }
            }
        }
        return new LareMap(latentChannels, w, h, sum);
    }

    /**
     * Native-resolution mode: LaRE on {@link #TILE}x{@link #TILE} tiles covering the image (the last row and column of
     * tiles aligned to the far edge), channel-mean maps stitched into one map of about width/8 x height/8 latent
     * positions (overlaps averaged). Images smaller than a tile fall back to the resized mode; images needing more
     * than {@link #MAX_TILES} tiles are downscaled first and the map resized back (a coarser map, same size).
     *
     * @param progress receives the fraction done after each tile (may throw to cancel)
     */
    public FloatMap tiledMap(FloatImage image, DoubleConsumer progress) throws ModelException {
        FloatImage rgb = image.toRgb();
        int W = rgb.width(), H = rgb.height();
        if (tileCount(W, H) > MAX_TILES) {
            int[] s = workingSize(W, H);
            FloatMap m = tiledMap(resize(rgb, s[0], s[1]), progress);
            return m.resize((W + downsample - 1) / downsample, (H + downsample - 1) / downsample);
        }
        if (W < TILE || H < TILE) {
            FloatMap m = computeResized(rgb).channelMean();
            progress.accept(1);
            return m.resize(Math.max(1, (W + downsample - 1) / downsample), Math.max(1, (H + downsample - 1) / downsample));
        }
        int mw = (W + downsample - 1) / downsample, mh = (H + downsample - 1) / downsample, lt = TILE / downsample;
        float[] acc = new float[mw * mh];
        float[] cnt = new float[mw * mh];
        int[] xs = starts(W), ys = starts(H);
        int done = 0;
        for (int ty : ys) {
            for (int tx : xs) {
                FloatMap m = compute(rgb.crop(tx, ty, TILE, TILE)).channelMean();
                int mx0 = Math.min(mw - lt, Math.round(tx / (float) downsample));
                int my0 = Math.min(mh - lt, Math.round(ty / (float) downsample));
                for (int y = 0; y < lt; y++) {
                    for (int x = 0; x < lt; x++) {
                        int i = (my0 + y) * mw + mx0 + x;
                        acc[i] += m.get(x, y);
                        cnt[i] += 1;
                    }
                }
                progress.accept(++done / (double) (xs.length * ys.length));
            }
        }
        for (int i = 0; i < acc.length; i++) acc[i] = cnt[i] > 0 ? acc[i] / cnt[i] : Float.NaN;
        return new FloatMap(mw, mh, acc);
    }

    /**
     * The size a W x H image is analysed at in the tiled mode: itself when it needs at most {@link #MAX_TILES} tiles,
     * else downscaled in steps of 5 % (aspect ratio kept) until it does.
     */
    public static int[] workingSize(int W, int H) {
        double f = 1;
        int w = W, h = H;
        while (tileCount(w, h) > MAX_TILES) {
            f *= 0.95;
            w = Math.max(TILE, (int) Math.floor(W * f));
            h = Math.max(TILE, (int) Math.floor(H * f));
        }
        return new int[]{w, h};
    }

    /** Tiles the native-resolution mode needs for a W x H image (before the {@link #MAX_TILES} bound). */
    public static int tileCount(int W, int H) {
        return (W < TILE || H < TILE) ? 1 : ((W + TILE - 1) / TILE) * ((H + TILE - 1) / TILE);
    }

    private static int[] starts(int size) {
        int n = (size + TILE - 1) / TILE;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = Math.min(i * TILE, size - TILE);
        return s;
    }

    /** Unscaled latent of an image (sides multiples of 8), channel-major: latentChannels x H/8 x W/8. */
    public float[] encode(FloatImage x) throws ModelException {
        FloatImage rgb = x.toRgb();
        int w = rgb.width(), h = rgb.height(), n = w * h;
        if (w % downsample != 0 || h % downsample != 0) throw new IllegalArgumentException("sides must be multiples of " + downsample);
        float[] in = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            float[] p = rgb.plane(c);
            for (int i = 0; i < n; i++) in[c * n + i] = p[i] * 2f - 1f;
        }
        float[] z = encoder.run(Map.of(encIn, OnnxNet.Tensor.of(in, 1, 3, h, w)), encOut).data();
        int need = latentChannels * n / (downsample * downsample);
        return z.length == need ? z : Arrays.copyOf(z, need); // SD exports may return mean and log-variance: keep the mean
    }

    /** Decodes an unscaled latent (latentChannels x h x w) to an RGB image in [0, 1] (clamped). */
    public FloatImage decode(float[] z, int w, int h) throws ModelException {
        if (decoder == null) throw new ModelException("No LaRE decoder in the model manifest");
        float[] x = decoder.run(Map.of(decIn, OnnxNet.Tensor.of(z, 1, latentChannels, h, w)), decOut).data();
        int W = w * downsample, H = h * downsample, n = W * H;
        float[][] p = new float[3][n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) p[c][i] = Math.max(0f, Math.min(1f, (x[c * n + i] + 1f) / 2f));
        }
        return new FloatImage(W, H, p);
    }

    /** Autoencoder round trip (the "decoder fingerprint" of a latent-diffusion image). */
    public FloatImage reconstruct(FloatImage x) throws ModelException {
        return decode(encode(x), x.width() / downsample, x.height() / downsample);
    }

    /**
     * Error-guided refinement head (EGRE, CPU-sized): probability that the 256x256 image is generated, from the image
     * and its LaRE map; empty when the manifest has no head for this denoiser.
     */
    public OptionalDouble egreProbability(FloatImage x256, LareMap map) throws ModelException {
        if (egre == null) return OptionalDouble.empty();
        FloatImage rgb = x256.toRgb();
        int n = rgb.pixels();
        float[] in = new float[3 * n];
        for (int c = 0; c < 3; c++) for (int i = 0; i < n; i++) in[c * n + i] = rgb.plane(c)[i] * 2f - 1f;
        Map<String, OnnxNet.Tensor> m = new LinkedHashMap<>();
        m.put(egreImage, OnnxNet.Tensor.of(in, 1, 3, rgb.height(), rgb.width()));
        m.put(egreLare, OnnxNet.Tensor.of(map.values(), 1, map.channels(), map.height(), map.width()));
        return OptionalDouble.of(egre.run(m, egreOut).data()[0]);
    }

    /** Area-averaging (down) / linear (up) resize of each channel. */
    public static FloatImage resize(FloatImage image, int w, int h) {
        FloatImage rgb = image.toRgb();
        if (rgb.width() == w && rgb.height() == h) return rgb;
        float[][] p = new float[3][];
        for (int c = 0; c < 3; c++) p[c] = Resample.resize(rgb.plane(c), rgb.width(), rgb.height(), w, h);
        return new FloatImage(w, h, p);
    }

    /** abar_t of a DDPM schedule: "linear" (betas evenly spaced) or "scaled_linear" (Stable Diffusion: sqrt-spaced). */
    static double alphaBar(String schedule, double b0, double b1, int steps, int t) {
        double abar = 1;
        for (int i = 0; i <= t; i++) {
            double f = steps == 1 ? 0 : i / (double) (steps - 1);
            double beta = schedule.equals("scaled_linear")
                    ? Math.pow(Math.sqrt(b0) + f * (Math.sqrt(b1) - Math.sqrt(b0)), 2)
                    : b0 + f * (b1 - b0);
            abar *= 1 - beta;
        }
        return abar;
    }

    /** The fixed noise draws for a latent of n values: DRAWS x n standard normals from {@link #NOISE_SEED}. */
    private float[] noise(int n) {
        return noise.computeIfAbsent(n, k -> {
            Random r = new Random(NOISE_SEED);
            float[] e = new float[DRAWS * k];
            for (int i = 0; i < e.length; i++) e[i] = (float) r.nextGaussian();
            return e;
        });
    }

    private static OnnxNet.Tensor repeat(OnnxNet.Tensor e, int b) {
        float[] d = new float[e.data().length * b];
        for (int k = 0; k < b; k++) System.arraycopy(e.data(), 0, d, k * e.data().length, e.data().length);
        long[] shape = e.shape().clone();
        shape[0] = b;
        return OnnxNet.Tensor.of(d, shape);
    }

    private static OnnxNet.Tensor readEmbedding(ModelRegistry reg, ModelEntry e) throws ModelException {
        Path f = reg.verifiedFile(e.name());
        try {
            ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[bb.remaining() / 4];
            bb.asFloatBuffer().get(v);
            long[] shape = Arrays.stream(e.property("shape", "1,77,768").split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
            if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != v.length) {
                throw new ModelException("Text embedding '" + e.name() + "' has " + v.length + " values, its shape property says " + e.property("shape", "1,77,768"));
            }
            return OnnxNet.Tensor.of(v, shape);
        } catch (IOException ex) {
            throw new ModelException("Text embedding " + f + " cannot be read: " + ex.getMessage(), ex);
        }
    }

    private static OnnxNet net(ModelRegistry reg, ModelEntry e) throws ModelException {
        Path f = reg.verifiedFile(e.name());
        return reg.cached("onnx:" + e.name(), () -> OnnxNet.load(e.name(), f));
    }

    private static ModelEntry required(ModelRegistry reg, String name, String what) throws ModelException {
        return reg.find(name).orElseThrow(() -> new ModelException("LaRE " + what + " '" + name + "' is not in the model manifest"
                + (reg.directory() == null ? " (no models folder found)" : " " + reg.directory().resolve(ModelRegistry.MANIFEST))));
    }

    private static double number(ModelEntry e, String key, double fallback) throws ModelException {
        String v = e.properties().get(key);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException ex) {
            throw new ModelException("Model '" + e.name() + "': property " + key + " = '" + v + "' is not a number");
        }
    }
}
