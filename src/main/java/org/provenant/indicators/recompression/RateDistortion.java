package org.provenant.indicators.recompression;

import java.util.ArrayList;
import java.util.List;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.forestcue.ForestCue;
import org.provenant.ml.ModelException;
import org.provenant.ml.codec.NeuralCodec;

/**
 * Cue 2 of arXiv 2504.03191: how rate and quality move when the suspect is compressed again, and again.
 * A neural codec keeps losing a little quality at each recompression, so an image that was already compressed
 * twice re-encodes differently from one compressed once.
 *
 * <p>The feature vector, on the central {@link #REGION} x {@link #REGION} pixels (I), for the k rate points
 * q of the codec (strongest first; k = 4 shipped, giving 4k + 1 = 17 entries):
 * <ol>
 *   <li>entries 1..k, {@code bpp_q}: bits per pixel of C_q(I), I re-encoded at q</li>
 *   <li>entries k+1..2k, {@code psnr_q}: PSNR(I, C_q(I)) in dB</li>
 *   <li>entries 2k+1..3k, {@code dpsnr_q}: PSNR(C_q(I), C_q(C_q(I))) - PSNR(I, C_q(I)), the change of the
 *       quality loss at the next recompression (dB)</li>
 *   <li>entries 3k+1..4k, {@code dbpp_q}: bpp of C_q(C_q(I)) - bpp of C_q(I)</li>
 *   <li>entry 4k+1, {@code rd_slope}: least-squares slope of psnr_q against log2(bpp_q) (dB per doubling of
 *       the rate)</li>
 * </ol>
 * Decoded images are rounded to 8 bits between compressions, as saved files would be.
 */
public final class RateDistortion {
    /**
     * Side of the fixed central region the cue looks at. Our choice (the paper's region is not public): 128 keeps
     * the 2k compressions per image affordable on a CPU (about 0.05 s each with the shipped codec).
     */
    public static final int REGION = 128;
    static final List<String> PER_POINT = List.of("bpp", "psnr", "dpsnr", "dbpp");

    private RateDistortion() { }

    /** Names of {@link #features} for these codecs (17 for the 4 shipped rate points). */
    public static List<String> featureNames(List<NeuralCodec> codecs) {
        List<String> out = new ArrayList<>();
        for (String p : PER_POINT) out.addAll(ForestCue.perRatePoint(codecs, List.of(p)));
        out.add("rd_slope");
        return out;
    }

    /** The 4k+1 feature vector of the suspect (see the class comment), one codec per rate point. */
    public static double[] features(FloatImage rgb, List<NeuralCodec> codecs, ProgressSink sink) throws ModelException {
        FloatImage in = NeuralCodec.centralCrop(rgb.toRgb(), REGION).quantize8();
        int k = codecs.size();
        double[] f = new double[4 * k + 1];
        for (int i = 0; i < k; i++) {
            sink.checkCancelled();
            NeuralCodec c = codecs.get(i);
            NeuralCodec.Compression once = c.compress(in);
            NeuralCodec.Compression twice = c.compress(once.decoded());
            f[i] = once.bpp();
            f[k + i] = finite(once.psnr());
            f[2 * k + i] = finite(twice.psnr()) - f[k + i];
            f[3 * k + i] = twice.bpp() - once.bpp();
            sink.progress((i + 1.0) / k);
        }
        f[4 * k] = slope(f, k);
        return f;
    }

    /** PSNR values are capped at 100 dB so that an exact reproduction stays a finite feature. */
    static double finite(double psnr) {
        return Math.min(100, psnr);
    }

    private static double slope(double[] f, int k) {
        double mx = 0, my = 0;
        for (int i = 0; i < k; i++) {
            mx += log2(f[i]) / k;
            my += f[k + i] / k;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < k; i++) {
            double dx = log2(f[i]) - mx;
            sxy += dx * (f[k + i] - my);
            sxx += dx * dx;
        }
        return sxx < 1e-12 ? 0 : sxy / sxx;
    }

    private static double log2(double bpp) {
        return Math.log(Math.max(bpp, 1e-6)) / Math.log(2);
    }
}
