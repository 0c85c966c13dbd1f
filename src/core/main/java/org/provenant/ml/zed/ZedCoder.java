package org.provenant.ml.zed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleConsumer;
import org.provenant.core.filter.Parallel;
import org.provenant.core.image.FloatImage;
import org.provenant.ml.ModelEntry;
import org.provenant.ml.ModelException;
import org.provenant.ml.ModelRegistry;
import org.provenant.ml.lare.OnnxNet;

/**
 * The learned lossless coder of ZED (Cozzolino et al., ECCV 2024, arXiv 2409.15875; SReC-style multi-resolution
 * pixel predictor, models/training/zed), model {@value #MODEL}: for each pyramid level it returns, per 2x2 block,
 * the actual coding cost of the block's coded values (NLL, bits) and its expected value under the model (the exact
 * entropy of the predicted distributions, bits).
 *
 * <p>Pyramid: level 0 is the image in 8-bit integers; level l+1 is the 2x2 average of level l rounded half up. The
 * network sees one level at a time (its exact 2x2 average is the context), so the work is cut into tiles of
 * {@link #TILE} blocks with a margin of the model's receptive field: every tile gives exactly what the whole level
 * would.
 */
public final class ZedCoder {
    public static final String MODEL = "zed-coder";
    /** Tile side in 2x2 blocks (coarse pixels). Our choice: margins cost (1 + 2 RF / TILE)^2 of the network's work. */
    public static final int TILE = 128;

    /** Coding cost and entropy of one level, per 2x2 block (w x h blocks, bits summed over the block's coded values). */
    public record Level(int level, int width, int height, int valuesPerBlock, float[] nll, float[] entropy) {
        /** Mean gap NLL - H in bits per coded value. */
        public double gap() {
            double s = 0;
            for (int i = 0; i < nll.length; i++) s += nll[i] - entropy[i];
            return s / ((double) nll.length * valuesPerBlock);
        }

        /** Mean coding cost in bits per coded value. */
        public double meanNll() {
            double s = 0;
            for (float v : nll) s += v;
            return s / ((double) nll.length * valuesPerBlock);
        }

        /** Mean entropy in bits per coded value. */
        public double meanEntropy() {
            double s = 0;
            for (float v : entropy) s += v;
            return s / ((double) entropy.length * valuesPerBlock);
        }
    }

    private final OnnxNet net;
    private final int levels, channels, margin;
    private final double[] realGaps;

    private ZedCoder(OnnxNet net, ModelEntry e) throws ModelException {
        this.net = net;
        levels = positive(e, "levels");
        channels = positive(e, "channels");
        if (channels != 3) throw new ModelException("Model '" + e.name() + "' codes " + channels + " channels; ZED runs an RGB coder");
        margin = positive(e, "receptiveField");
        realGaps = new double[levels];
        for (int l = 0; l < levels; l++) {
            realGaps[l] = e.number("realGapL" + l);
            if (!Double.isFinite(realGaps[l])) throw new ModelException("Model '" + e.name() + "' needs the property 'realGapL" + l
                    + "' (median gap of real training photos, written by models/training/zed/export_zed.py)");
        }
    }

    /** The coder of the registry, verified and loaded once. */
    public static ZedCoder fromRegistry(ModelRegistry reg) throws ModelException {
        ModelEntry e = reg.find(MODEL).orElseThrow(() -> new ModelException("ZED needs the model '" + MODEL
                + "' in the model manifest" + (reg.directory() == null ? "; no models folder was found" : "")));
        return reg.cached("zed:" + MODEL, () -> new ZedCoder(OnnxNet.load(MODEL, reg.verifiedFile(MODEL)), e));
    }

    public int levels() { return levels; }

    /** Median gap D_l of the recipe's real TRAINING photographs, per level (bits per coded value). */
    public double[] realGaps() { return realGaps.clone(); }

    /** Sides must be multiples of this. */
    public int alignment() { return 1 << levels; }

    /**
     * Codes every level of an image whose sides are multiples of {@link #alignment()}.
     *
     * @param progress receives the fraction done after each tile (may throw to cancel)
     */
    public Level[] code(FloatImage image, DoubleConsumer progress) throws ModelException {
        int W = image.width(), H = image.height();
        if (W % alignment() != 0 || H % alignment() != 0) {
            throw new IllegalArgumentException(W + "x" + H + " is not a multiple of " + alignment());
        }
        float[][] fine = eightBit(image);
        Level[] out = new Level[levels];
        double work = 0, total = 0;
        for (int l = 0; l < levels; l++) total += (double) W * H / (1L << (2 * l));
        for (int l = 0; l < levels; l++) {
            int w = W >> l, h = H >> l;
            final double base = work, span = (double) w * h;
            final double tot = total;
            out[l] = level(fine, w, h, l, f -> progress.accept((base + f * span) / tot));
            work += span;
            if (l + 1 < levels) fine = Pyramid.down(fine, w, h);
        }
        return out;
    }

    /** Codes the finest level only (the map); sides must be even. */
    public Level codeFinest(FloatImage image, DoubleConsumer progress) throws ModelException {
        if (image.width() % 2 != 0 || image.height() % 2 != 0) {
            throw new IllegalArgumentException(image.width() + "x" + image.height() + " has an odd side");
        }
        return level(eightBit(image), image.width(), image.height(), 0, progress);
    }

    /** One level: fine planes (w x h, integers as floats) coded tile by tile. */
    Level level(float[][] fine, int w, int h, int level, DoubleConsumer progress) throws ModelException {
        int cw = w / 2, ch = h / 2;
        float[] nll = new float[cw * ch], ent = new float[cw * ch];
        int tilesX = (cw + TILE - 1) / TILE, tilesY = (ch + TILE - 1) / TILE, done = 0;
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                int x0 = tx * TILE, y0 = ty * TILE, x1 = Math.min(cw, x0 + TILE), y1 = Math.min(ch, y0 + TILE);
                int ax = Math.max(0, x0 - margin), ay = Math.max(0, y0 - margin);
                int bx = Math.min(cw, x1 + margin), by = Math.min(ch, y1 + margin);
                int tw = bx - ax, th = by - ay;
                float[] in = new float[channels * 4 * tw * th];
                for (int c = 0; c < channels; c++) {
                    for (int y = 0; y < 2 * th; y++) {
                        System.arraycopy(fine[c], (2 * ay + y) * w + 2 * ax, in, (c * 2 * th + y) * 2 * tw, 2 * tw);
                    }
                }
                Map<String, OnnxNet.Tensor> inputs = new LinkedHashMap<>();
                inputs.put("fine", OnnxNet.Tensor.of(in, 1, channels, 2L * th, 2L * tw));
                inputs.put("level", OnnxNet.Tensor.of(new float[] {level}, 1));
                var res = net.run(inputs).values().iterator(); // outputs in the graph's order: nll, mixture
                float[] n = res.next().data(), mix = res.next().data();
                int plane = tw * th, values = n.length / plane, k = mix.length / (plane * values * 3);
                final int fx0 = x0, fy0 = y0, fx1 = x1;
                Parallel.forEach(y1 - y0, r -> {
                    int y = fy0 + r;
                    double[] scratch = new double[257];
                    for (int x = fx0; x < fx1; x++) {
                        int src = (y - ay) * tw + (x - ax);
                        float sn = 0, se = 0;
                        for (int j = 0; j < values; j++) {
                            sn += n[j * plane + src];
                            se += (float) MixtureEntropy.bits(mix, j * 3 * k * plane + src, plane, k, scratch);
                        }
                        nll[y * cw + x] = sn;
                        ent[y * cw + x] = se;
                    }
                });
                progress.accept(++done / (double) (tilesX * tilesY));
            }
        }
        return new Level(level, cw, ch, 3 * channels, nll, ent);
    }

    /** The image as 8-bit RGB integers (stored as floats; grey replicated). */
    static float[][] eightBit(FloatImage image) {
        FloatImage src = image.toRgb();
        float[][] p = new float[3][];
        for (int c = 0; c < 3; c++) {
            float[] s = src.plane(c);
            p[c] = new float[s.length];
            for (int i = 0; i < s.length; i++) p[c][i] = Math.max(0, Math.min(255, Math.round(s[i] * 255f)));
        }
        return p;
    }

    private static int positive(ModelEntry e, String key) throws ModelException {
        double v = e.number(key);
        if (!(v >= 1)) throw new ModelException("Model '" + e.name() + "' needs a positive '" + key + "' property");
        return (int) v;
    }
}
