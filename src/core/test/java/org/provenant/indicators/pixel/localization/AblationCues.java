package org.provenant.indicators.pixel.localization;

import java.util.Arrays;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.codec.latentquant.LatentQuantization;
import org.provenant.ml.ModelException;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.indicators.features.Regions;

/**
 * Cues taken out of the fusion, rebuilt here to show that they add nothing to it (issue 10, part 7): the tile-grid
 * helpers they need and the latent-quantization cue as it was fused until it was removed.
 */
final class AblationCues {
    /** The latent-quantization cue's z at which a tile's suspicion was 0.5 (measured above every untouched tile). */
    static final double LQ_Z_HALF = 4.5;

    private AblationCues() { }

    /** Latent quantization on the tile grid: grid alignment of the codec's latent, higher than the rest suspicious. */
    static Localization.Cue latentQuantization(FloatImage image, ImageCodec codec) throws ModelException {
        FloatMap q = LatentQuantization.alignmentMap(image, codec);
        return Localization.cue("latent quantization", pool(q, image.width() / Localization.TILE, image.height() / Localization.TILE),
                Localization.Direction.HIGHER, LQ_Z_HALF);
    }

    /** Area-mean of a map onto a gw x gh grid (NaN cells ignored; NaN where a tile has none). */
    static FloatMap pool(FloatMap m, int gw, int gh) {
        if (m.width() == gw && m.height() == gh) return m;
        int[] xs = Regions.edges(gw, m.width()), ys = Regions.edges(gh, m.height());
        float[] out = new float[gw * gh];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                double s = 0;
                int n = 0;
                for (int y = ys[gy]; y < Math.max(ys[gy] + 1, ys[gy + 1]); y++) {
                    for (int x = xs[gx]; x < Math.max(xs[gx] + 1, xs[gx + 1]); x++) {
                        float v = m.get(Math.min(x, m.width() - 1), Math.min(y, m.height() - 1));
                        if (Float.isFinite(v)) { s += v; n++; }
                    }
                }
                out[gy * gw + gx] = n == 0 ? Float.NaN : (float) (s / n);
            }
        }
        return new FloatMap(gw, gh, out);
    }

    /** A w x h map, NaN except for {@code m} placed with its top-left cell at (x0, y0). */
    static FloatMap place(FloatMap m, int x0, int y0, int w, int h) {
        float[] out = new float[w * h];
        Arrays.fill(out, Float.NaN);
        for (int y = 0; y < m.height() && y0 + y < h; y++)
            for (int x = 0; x < m.width() && x0 + x < w; x++) out[(y0 + y) * w + x0 + x] = m.get(x, y);
        return new FloatMap(w, h, out);
    }

}
