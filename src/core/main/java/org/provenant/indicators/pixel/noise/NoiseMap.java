package org.provenant.indicators.pixel.noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.provenant.core.filter.Parallel;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.core.render.ColourScale;
import org.provenant.indicators.ContentCheck;
import org.provenant.indicators.EvidenceFamily;
import org.provenant.indicators.Hypothesis;
import org.provenant.indicators.Indicator;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;
import org.provenant.indicators.IndicatorResult;
import org.provenant.indicators.MapLayer;
import org.provenant.indicators.Score;
import org.provenant.indicators.pixel.pixelkit.BlockOutliers;
import org.provenant.indicators.pixel.pixelkit.PixelWork;
import org.provenant.indicators.verdict.HeldOut;
import org.provenant.indicators.verdict.Verdict;
import org.provenant.indicators.verdict.VerdictPolicy;

/**
 * Local noise level (Mahdian and Saic, "Using noise inconsistencies for blind image forensics", 2009): the finest
 * diagonal Haar wavelet band (HH) of the grey image holds mostly sensor noise; per {@link #BLOCK}-pixel block its
 * median absolute value / 0.6745 is a robust estimate of the noise standard deviation (Donoho). A camera original
 * has one noise level that varies smoothly with brightness; a region pasted from another photo, blurred, or
 * painted has its own. The inconsistency score is how far the most deviant connected region of blocks departs
 * from the image's own level (robust z of log sigma, {@link BlockOutliers}).
 */
public final class NoiseMap implements Indicator {
    public static final String ID = "noise-map";
    /** Block side in pixels (16x16 = 256 HH coefficients per block). Our choice. */
    public static final int BLOCK = 32;
    /** Below this sigma (8-bit levels) a block is flat or clipped: no value. */
    public static final double MIN_SIGMA = 0.05;
    /** Share of clipped pixels (0 or 255) above which a block has no value (saturation hides noise). */
    public static final double MAX_CLIPPED = 0.5;
    public static final double Z_LIMIT = 2.5;
    public static final int MIN_REGION_BLOCKS = 4;
    /** Bins of the histogram picture. */
    static final int BINS = 48, HIST_HEIGHT = 32;
    /** Threshold of the headline at which it would lean, were a verdict allowed (see PixelCalibrationTest). */
    public static final double THRESHOLD = 8.0;
    /**
     * Its verdict: none. At {@link #THRESHOLD}, the best threshold tried, 9 of 87 held-out real photos leaned (README,
     * pixel indicators), over the 5 % bar.
     */
    public static final VerdictPolicy VERDICT = VerdictPolicy.threshold(Hypothesis.MANIPULATED, "a local edit", THRESHOLD,
            HeldOut.falseAlarmCounts(new HeldOut.Share(9, 87)), "It draws no verdict: on real photos (JPEGs above all) smooth, dark"
                    + " and textured areas give their own noise levels, so deviant regions of this size are common in untouched"
                    + " photos (PixelCalibrationTest prints the figures); judge the map by eye.");

    @Override public String id() { return ID; }
    @Override public String displayName() { return "Noise map"; }
    @Override public String methodReference() { return "Mahdian, Saic, Image Vis. Comput. 27 (2009), Haar HH median estimator (Donoho 1995)"; }
    @Override public int order() { return 61; }
    @Override public int cost() { return 1; }
    @Override public EvidenceFamily family() { return EvidenceFamily.PIXEL; }

    @Override
    public IndicatorResult analyze(FloatImage image, IndicatorContext ctx) throws IndicatorException {
        String label = "Noise inconsistency of the most deviant region (z x size)";
        IndicatorResult tooLittle = ContentCheck.check(this, image, ctx, BLOCK, BLOCK);
        if (tooLittle != null) return tooLittle;
        if (image.width() < BLOCK || image.height() < BLOCK) {
            return ContentCheck.notEnoughTexture(ID, "noise_inconsistency", label, "the image (" + image.width() + "x"
                    + image.height() + ") is smaller than one " + BLOCK + "x" + BLOCK + " block.", List.of());
        }
        FloatImage grey = PixelWork.grey(image, ctx);
        FloatMap sigma = sigmaMap(grey, ctx);
        ctx.progress().progress(0.7);
        float[] logs = new float[sigma.data().length];
        int finite = 0;
        for (int i = 0; i < logs.length; i++) {
            float s = sigma.data()[i];
            logs[i] = Float.isFinite(s) ? (float) Math.log(s) : Float.NaN;
            if (Float.isFinite(s)) finite++;
        }
        double top = Double.isFinite(sigma.max()) ? Math.max(1, Math.ceil(quantile(sigma, 0.99))) : 1;
        MapLayer map = new MapLayer("Local noise level (sigma, 8-bit levels)", sigma, ColourScale.VIRIDIS, 0, top,
                "0 (no noise)", String.format(Locale.ROOT, "%.0f levels", top), true, List.of());
        List<MapLayer> maps = new ArrayList<>(List.of(map));
        BlockOutliers.Z z = BlockOutliers.robustZ(new FloatMap(sigma.width(), sigma.height(), logs));
        if (!z.defined()) {
            return ContentCheck.notEnoughTexture(ID, "noise_inconsistency", label, "only " + finite + " blocks of "
                    + BLOCK + "x" + BLOCK + " pixels have measurable noise (at least " + BlockOutliers.MIN_BLOCKS
                    + " are needed).", maps);
        }
        maps.add(histogram(sigma, top));
        maps.add(new MapLayer("Departing groups of blocks (robust z of log noise)", BlockOutliers.departingMap(z.zMap(), Z_LIMIT,
                MIN_REGION_BLOCKS), ColourScale.DIVERGING, -8, 8, "-8 (much smoother)", "+8 (much noisier)", true, List.of()));
        BlockOutliers.Departure d = BlockOutliers.strongest(z.zMap(), Z_LIMIT, 0, MIN_REGION_BLOCKS, image.width(), image.height());
        double headline = d == null ? 0 : d.score();
        double imageSigma = Math.exp(z.median());
        double ratio = d == null ? Double.NaN : Math.exp(d.meanZ() * z.spread());
        List<Score> scores = new ArrayList<>();
        Score head = new Score("noise_inconsistency", label, headline,
                "0 = every region's noise is within " + Z_LIMIT + " robust deviations of the image's own; larger = a bigger,"
                        + " more deviant region. " + VERDICT.measured());
        scores.add(head);
        scores.add(new Score("image_sigma", "Image noise level (median sigma, 8-bit levels)", imageSigma,
                "Typical of the whole image; camera originals in daylight are often 0.5-3 levels."));
        scores.add(new Score("region_ratio", "Noise of the deviant region / the image's", ratio,
                "Below 1: smoother than the rest (blur, painted or denoised patch); above 1: noisier (pasted from a noisier photo)."));
        scores.add(new Score("region_share", "Share of the image in the deviant region", d == null ? 0
                : d.region().area() / ((double) image.width() * image.height()), "0..1."));
        scores.add(new Score("measured_share", "Share of blocks with measurable noise", finite / (double) logs.length,
                "Flat or clipped blocks have no value (transparent in the map)."));
        Verdict v = VERDICT.decide(headline, image, ctx);
        Hypothesis h = v.supports();
        String where = d == null ? "No connected group of blocks departs from the image's own noise level."
                : String.format(Locale.ROOT, "The most deviant region covers %.1f %% of the image with %.2f times the image's noise.",
                        100 * d.region().area() / ((double) image.width() * image.height()), ratio);
        String explanation = String.format(Locale.ROOT, "The map shows the local noise level, block by block (%d pixels),"
                + " estimated from the finest wavelet detail; the histogram shows how the blocks spread. A camera original"
                + " has one sensor noise that changes smoothly with brightness, so the map looks even apart from very dark,"
                + " bright or smooth areas; a region pasted from another photo, blurred or painted stands out with its own"
                + " level. Strong texture also raises the estimate, so compare like with like. The image's noise is %.2f"
                + " levels. %s %s", BLOCK, imageSigma, where,
                h == Hypothesis.MANIPULATED ? "The score passes the threshold measured on real photos." : VERDICT.measured());
        return new IndicatorResult(ID, head, scores, maps, explanation, h,
                v.confidence(),
                new double[]{headline, imageSigma})
                .withFinding(VERDICT.finding(v, ctx.models()));
    }

    /** Sigma per full block (NaN for flat/clipped blocks and the partial remainder), 8-bit levels. */
    static FloatMap sigmaMap(FloatImage grey, IndicatorContext ctx) {
        int w = grey.width(), h = grey.height();
        int bx = w / BLOCK, by = h / BLOCK, mw = (w + BLOCK - 1) / BLOCK, mh = (h + BLOCK - 1) / BLOCK;
        float[] out = new float[mw * mh];
        Arrays.fill(out, Float.NaN);
        float[] p = grey.plane(0);
        int half = BLOCK / 2;
        Parallel.forEach(by, row -> {
            ctx.progress().checkCancelled();
            float[] hh = new float[half * half];
            for (int b = 0; b < bx; b++) {
                int n = 0, clipped = 0;
                for (int y = 0; y < BLOCK; y += 2) {
                    int o = (row * BLOCK + y) * w + b * BLOCK;
                    for (int x = 0; x < BLOCK; x += 2) {
                        float a = p[o + x], bb = p[o + x + 1], c = p[o + w + x], d = p[o + w + x + 1];
                        hh[n++] = Math.abs(a - bb - c + d) * 127.5f;
                        if (a <= 0 || a >= 1) clipped++;
                        if (d <= 0 || d >= 1) clipped++;
                    }
                }
                if (clipped > MAX_CLIPPED * 2 * n) continue;
                Arrays.sort(hh);
                float s = (hh[n / 2 - 1] + hh[n / 2]) / 2 / 0.6745f;
                if (s >= MIN_SIGMA) out[row * mw + b] = s;
            }
        });
        return new FloatMap(mw, mh, out);
    }

    /**
     * The histogram of block sigmas as a picture: one column per bin, bars coloured with the map's scale so that a
     * colour in the map can be found in the histogram; NaN (transparent) above the bars.
     */
    static MapLayer histogram(FloatMap sigma, double top) {
        int[] count = new int[BINS];
        for (float s : sigma.data()) {
            if (!Float.isFinite(s)) continue;
            count[Math.min(BINS - 1, (int) (s / top * BINS))]++;
        }
        int max = Arrays.stream(count).max().orElse(1);
        float[] pic = new float[BINS * HIST_HEIGHT];
        Arrays.fill(pic, Float.NaN);
        for (int b = 0; b < BINS; b++) {
            int bar = count[b] == 0 ? 0 : Math.max(1, (int) Math.round((double) count[b] / max * HIST_HEIGHT));
            for (int y = HIST_HEIGHT - bar; y < HIST_HEIGHT; y++) pic[y * BINS + b] = (float) ((b + 0.5) * top / BINS);
        }
        return new MapLayer("Histogram of block noise levels (height = number of blocks)", new FloatMap(BINS, HIST_HEIGHT, pic),
                ColourScale.VIRIDIS, 0, top, "sigma 0", String.format(Locale.ROOT, "sigma %.0f", top), false, List.of());
    }

    static double quantile(FloatMap m, double q) {
        float[] v = m.data().clone();
        int n = 0;
        for (float x : v) if (Float.isFinite(x)) v[n++] = x;
        Arrays.sort(v, 0, n);
        return n == 0 ? Double.NaN : v[Math.min(n - 1, (int) (q * (n - 1)))];
    }
}
