package org.provenant.indicators.codec.recompression;

import java.util.ArrayList;
import java.util.List;
import org.provenant.core.image.FloatImage;
import org.provenant.indicators.ProgressSink;
import org.provenant.indicators.codec.forestcue.ForestCue;
import org.provenant.ml.ModelException;
import org.provenant.ml.codec.ImageCodec;
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
 * These 4k+1 are the paper-style entries. Ours, added after them (idempotence: an image re-encodes closest to
 * a fixed point at the rate point it was last compressed with, and a second compression moves it further
 * toward the fixed points of the other rate points), with gap_q = psnr_q - PSNR(C_q(I), C_q(C_q(I))) = -dpsnr_q:
 * <ol start="18">
 *   <li>{@code idem_rate}: index (0-based, strongest first) of the rate point q* with the largest gap_q</li>
 *   <li>{@code idem_gap}: gap_q* (dB)</li>
 *   <li>{@code idem_psnr}: psnr_q* (dB)</li>
 *   <li>{@code idem_margin}: gap_q* minus the second largest gap_q (dB; 0 for a single rate point)</li>
 *   <li>k entries {@code bpp_ratio_q}: bpp of C_q(C_q(I)) / bpp of C_q(I)</li>
 *   <li>k entries {@code psnr_ratio_q}: PSNR(C_q(I), C_q(C_q(I))) / psnr_q</li>
 *   <li>k-1 entries {@code psnr_step_q}: psnr at the next weaker rate point minus psnr_q (dB)</li>
 *   <li>k-1 entries {@code dpsnr_step_q}: dpsnr at the next weaker rate point minus dpsnr_q (dB)</li>
 * </ol>
 * (numbering for k = 4: 17 + 4 + 4 + 4 + 3 + 3 = 35 entries.) Decoded images are rounded to 8 bits between
 * compressions, as saved files would be.
 */
public final class RateDistortion {
    /**
     * Side of the fixed central region the cue looks at. Our choice (the paper's region is not public): 256, as
     * PSNR on 128x128 pixels proved too noisy (leave-one-photo-out at most 60 % at 128, 63-72 % at 256, see
     * models/README.md); the 2k compressions then take about 0.2 s each on a CPU with the shipped codec.
     */
    public static final int REGION = 256;
    static final List<String> PER_POINT = List.of("bpp", "psnr", "dpsnr", "dbpp");

    private RateDistortion() { }

    /** Names of {@link #features} for these codecs (17 for the 4 shipped rate points). */
    public static List<String> featureNames(List<ImageCodec> codecs) {
        List<String> out = new ArrayList<>();
        for (String p : PER_POINT) out.addAll(ForestCue.perRatePoint(codecs, List.of(p)));
        out.add("rd_slope");
        out.addAll(List.of("idem_rate", "idem_gap", "idem_psnr", "idem_margin"));
        out.addAll(ForestCue.perRatePoint(codecs, List.of("bpp_ratio")));
        out.addAll(ForestCue.perRatePoint(codecs, List.of("psnr_ratio")));
        List<String> steps = ForestCue.perRatePoint(codecs, List.of("psnr_step"));
        out.addAll(steps.subList(0, steps.size() - 1));
        List<String> dsteps = ForestCue.perRatePoint(codecs, List.of("dpsnr_step"));
        out.addAll(dsteps.subList(0, dsteps.size() - 1));
        return out;
    }

    /** Number of entries of {@link #features} for k rate points: the 4k+1 paper-style ones and our 4k+2. */
    public static int size(int k) {
        return 4 * k + 1 + 4 + 2 * k + 2 * (k - 1);
    }

    /** The feature vector of the suspect (see the class comment), one codec per rate point. */
    public static double[] features(FloatImage rgb, List<ImageCodec> codecs, ProgressSink sink) throws ModelException {
        FloatImage in = NeuralCodec.centralCrop(rgb.toRgb(), REGION).quantize8();
        int k = codecs.size();
        double[] f = new double[size(k)];
        for (int i = 0; i < k; i++) {
            sink.checkCancelled();
            ImageCodec c = codecs.get(i);
            ImageCodec.Compression once = c.compress(in);
            ImageCodec.Compression twice = c.compress(once.decoded());
            f[i] = once.bpp();
            f[k + i] = finite(once.psnr());
            f[2 * k + i] = finite(twice.psnr()) - f[k + i];
            f[3 * k + i] = twice.bpp() - once.bpp();
            sink.progress((i + 1.0) / k);
        }
        f[4 * k] = slope(f, k);
        idempotence(f, k);
        return f;
    }

    /** Fills our entries after the 4k+1 paper-style ones (see the class comment) from those. */
    private static void idempotence(double[] f, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) if (-f[2 * k + j] > -f[2 * k + best]) best = j;
        double second = Double.NaN;
        for (int j = 0; j < k; j++) if (j != best && !(second >= -f[2 * k + j])) second = -f[2 * k + j];
        int o = 4 * k + 1;
        f[o++] = best;
        f[o++] = -f[2 * k + best];
        f[o++] = f[k + best];
        f[o++] = Double.isNaN(second) ? 0 : -f[2 * k + best] - second;
        for (int j = 0; j < k; j++) f[o++] = (f[j] + f[3 * k + j]) / Math.max(f[j], 1e-6);
        for (int j = 0; j < k; j++) f[o++] = (f[k + j] + f[2 * k + j]) / Math.max(f[k + j], 1e-6);
        for (int j = 0; j + 1 < k; j++) f[o++] = f[k + j + 1] - f[k + j];
        for (int j = 0; j + 1 < k; j++) f[o++] = f[2 * k + j + 1] - f[2 * k + j];
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
