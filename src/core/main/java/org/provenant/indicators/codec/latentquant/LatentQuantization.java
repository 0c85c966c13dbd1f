package org.provenant.indicators.codec.latentquant;

import java.util.List;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.codec.forestcue.ForestCue;
import org.provenant.ml.ModelException;
import org.provenant.ml.codec.Latents;
import org.provenant.ml.codec.ImageCodec;
import org.provenant.ml.codec.NeuralCodec;

/**
 * Cue 3 of arXiv 2504.03191: re-encode the suspect with the codec's analysis transform and measure how close
 * the continuous latents lie to the codec's quantization grid ({@link ImageCodec#gridLatents}: y itself for our
 * hp codec, (y - mu) / step for JPEG AI, whose grid is centred on the hyperprior mean). An image decoded by that codec came from rounded latents and
 * tends to re-encode near them; a generated image (or one decoded from unquantized latents) does not.
 *
 * <p>Per rate point q, on the latents of the central {@link #REGION} x {@link #REGION} pixels, with
 * r = y - round(y) and "active" latents those with |y| >= {@link #ACTIVE} (near-zero latents round to 0 for any
 * image and say little):
 * {@code mean_abs_active_q} (mean |r| of active latents; 0.25 for residuals spread evenly),
 * {@code near_grid_q} (fraction of active latents with |r| < {@link #NEAR}; 0.2 when even),
 * {@code std_active_q} (standard deviation of r over active latents; 0.289 when even),
 * {@code mean_abs_all_q} (mean |r| over all latents), {@code active_q} (fraction of active latents).
 * 5 features per rate point, 20 for the 4 shipped ones.
 */
public final class LatentQuantization {
    /** Side of the fixed central region. Our choice (the paper's region size is not public). */
    public static final int REGION = 256;
    /** |y| from which a latent counts as active. Our choice. */
    public static final float ACTIVE = 0.5f;
    /** |y - round(y)| under which an active latent counts as on the grid. Our choice. */
    public static final float NEAR = 0.1f;
    static final List<String> PER_POINT = List.of("mean_abs_active", "near_grid", "std_active", "mean_abs_all", "active");

    private LatentQuantization() { }

    public static List<String> featureNames(List<ImageCodec> codecs) {
        return ForestCue.perRatePoint(codecs, PER_POINT);
    }

    /** 5 features per rate point (see the class comment), codecs in order. */
    public static double[] features(FloatImage rgb, List<ImageCodec> codecs, ProgressSink sink) throws ModelException {
        FloatImage in = NeuralCodec.centralCrop(rgb.toRgb(), REGION);
        double[] f = new double[PER_POINT.size() * codecs.size()];
        for (int i = 0; i < codecs.size(); i++) {
            sink.checkCancelled();
            double[] s = stats(codecs.get(i).gridLatents(in).data());
            System.arraycopy(s, 0, f, i * s.length, s.length);
            sink.progress((i + 1.0) / codecs.size());
        }
        return f;
    }

    /** The 5 statistics of one latent tensor, in {@link #PER_POINT} order. */
    static double[] stats(float[] y) {
        long active = 0, near = 0;
        double sumAbsActive = 0, sumSqActive = 0, sumActive = 0, sumAbsAll = 0;
        for (float v : y) {
            double r = v - Math.rint(v);
            sumAbsAll += Math.abs(r);
            if (Math.abs(v) >= ACTIVE) {
                active++;
                sumAbsActive += Math.abs(r);
                sumActive += r;
                sumSqActive += r * r;
                if (Math.abs(r) < NEAR) near++;
            }
        }
        double meanAbs = 0.25, nearFrac = 2 * NEAR, std = Math.sqrt(1.0 / 12);  // evenly spread residuals
        if (active > 0) {
            meanAbs = sumAbsActive / active;
            nearFrac = near / (double) active;
            double m = sumActive / active;
            std = Math.sqrt(Math.max(0, sumSqActive / active - m * m));
        }
        return new double[] {meanAbs, nearFrac, std, sumAbsAll / Math.max(1, y.length), active / (double) Math.max(1, y.length)};
    }

    /**
     * Grid alignment per latent position (one value per 16 x 16 pixels) of the whole image at one rate point:
     * 1 - 4 * (mean |y - round(y)| over the active channels there), so 1 = on the integer grid, 0 = residuals
     * spread evenly, below 0 = pushed away from the grid; NaN where no channel is active. The map is
     * ceil(width/16) x ceil(height/16).
     */
    public static FloatMap alignmentMap(FloatImage rgb, ImageCodec codec) throws ModelException {
        Latents y = codec.gridLatents(rgb.toRgb());
        int mw = Math.min(y.width(), (rgb.width() + 15) / 16), mh = Math.min(y.height(), (rgb.height() + 15) / 16);
        float[] out = new float[mw * mh];
        for (int j = 0; j < mh; j++)
            for (int i = 0; i < mw; i++) {
                double sum = 0;
                int n = 0;
                for (int c = 0; c < y.channels(); c++) {
                    float v = y.get(c, j, i);
                    if (Math.abs(v) >= ACTIVE) {
                        sum += Math.abs(v - Math.rint(v));
                        n++;
                    }
                }
                out[j * mw + i] = n == 0 ? Float.NaN : (float) (1 - 4 * sum / n);
            }
        return new FloatMap(mw, mh, out);
    }
}
