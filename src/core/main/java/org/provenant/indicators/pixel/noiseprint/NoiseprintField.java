package org.provenant.indicators.pixel.noiseprint;

import java.util.Arrays;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.ml.ModelException;
import org.provenant.ml.noiseprint.NoiseprintNet;

/**
 * The noiseprint of one image over its analysed windows, computed once per analysis (shared work) for the
 * noiseprint indicator (and any later indicator that needs it). Windows are {@link #WINDOW}-pixel squares at offsets that are
 * multiples of 8 (the JPEG grid): contiguous up to {@link #MAX_PIXELS}; on a larger image spread evenly over it at
 * its own resolution (resampling would erase the camera's traces), the gaps NaN.
 *
 * @param map    the noiseprint, NaN outside the windows
 * @param xs     window left edges
 * @param ys     window top edges
 * @param share  share of the image inside the windows
 */
public record NoiseprintField(FloatMap map, int[] xs, int[] ys, double share) {
    /** Side of the windows (a multiple of the anomaly's block stride). */
    public static final int WINDOW = 256;
    /**
     * Most pixels analysed per image: the whole image up to this size, else windows spread over it. 1 MP costs about
     * 6 s of CPU (bench analyze, docs/noiseprint.md): 4 MP made this indicator, which draws no verdict, cost more than
     * all the others together on a 12 MP photo, so the bound was lowered to 1 MP.
     */
    public static final long MAX_PIXELS = 1_000_000L;
    static final String SHARED_KEY = "noiseprint-field";

    /** The field of an image of at least WINDOW x WINDOW pixels, computed once per analysis. */
    public static NoiseprintField of(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        return ctx.shared(image).compute(SHARED_KEY, () -> compute(image, ctx));
    }

    static NoiseprintField compute(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        NoiseprintNet net;
        try {
            net = NoiseprintNet.fromRegistry(ctx.models());
        } catch (ModelException e) {
            throw new IndicatorException("Noiseprint cannot run: " + e.getMessage(), e);
        }
        FloatImage rgb = image.toRgb();
        int w = rgb.width(), h = rgb.height();
        int[][] lattice = lattice(w, h);
        int[] xs = lattice[0], ys = lattice[1];
        float[] out = new float[w * h];
        Arrays.fill(out, Float.NaN);
        int done = 0, total = xs.length * ys.length;
        for (int y : ys) {
            for (int x : xs) {
                ctx.progress().checkCancelled();
                int ww = Math.min(WINDOW, w - x), wh = Math.min(WINDOW, h - y);
                float[] t;
                try {
                    t = net.window(rgb, x, y, ww, wh);
                } catch (ModelException e) {
                    throw new IndicatorException("Noiseprint cannot run: " + e.getMessage(), e);
                }
                for (int r = 0; r < wh; r++) System.arraycopy(t, r * ww, out, (y + r) * w + x, ww);
                ctx.progress().progress(0.9 * ++done / total);
            }
        }
        double covered = 0;
        for (int x : xs) covered += Math.min(WINDOW, w - x);
        double rows = 0;
        for (int y : ys) rows += Math.min(WINDOW, h - y);
        return new NoiseprintField(new FloatMap(w, h, out), xs, ys, Math.min(1, covered * rows / ((double) w * h)));
    }

    /** {window lefts, window tops} for a w x h image. */
    static int[][] lattice(int w, int h) {
        if ((long) w * h <= MAX_PIXELS) return new int[][]{contiguous(w), contiguous(h)};
        int p = WINDOW;
        while ((long) spread(w, p).length * spread(h, p).length * WINDOW * WINDOW > MAX_PIXELS) p += 32;
        return new int[][]{spread(w, p), spread(h, p)};
    }

    /** Window starts that cover a side, the last one at the last multiple of 8 that fits (up to 7 pixels uncovered). */
    static int[] contiguous(int side) {
        if (side <= WINDOW) return new int[]{0};
        int n = (side + WINDOW - 1) / WINDOW;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = Math.min(i * WINDOW, (side - WINDOW) / 8 * 8);
        return s;
    }

    /** Window starts every {@code period} pixels, centred on the side (offset a multiple of 32). */
    static int[] spread(int side, int period) {
        int n = (side - WINDOW) / period + 1;
        int off = (side - WINDOW - (n - 1) * period) / 2 / 32 * 32;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = off + i * period;
        return s;
    }

    /** Whether the whole image was analysed (up to the last 7 pixels of a side). */
    public boolean complete() {
        return share >= 0.98;
    }
}
