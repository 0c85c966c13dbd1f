package org.provenant.indicators.generative.realism;

import java.util.List;
import org.provenant.core.fft.Fft2D;
import org.provenant.core.filter.Canny;
import org.provenant.core.filter.Resample;
import org.provenant.core.image.FloatImage;

/**
 * The five statistics of the Image Realism Score (Chen, Akhtar, Haldar, Mian, arXiv 2309.14756, eqs. 1-5 as a
 * third-party reimplementation states them), all on 8-bit grey values 0..255:
 * Canny edge density (100/200), GLCM contrast and energy (256 levels, distance 1, angle 0, symmetric, normalised;
 * energy = angular second moment, the sum of squared entries), variance of the Laplacian (4-neighbour kernel,
 * mirrored border as OpenCV's default), and the mean magnitude of the 2-D FFT.
 *
 * <p>Size normalisation (our choice): the blur and spectrum statistics depend on image size and scale, so
 * {@link #measure} first resamples the grey image (area averaging; linear interpolation for small images) to
 * {@link #WORK_SIZE} x {@link #WORK_SIZE}, ignoring the aspect ratio so that no part of the image is dropped,
 * and rounds it to 8 bits. The reference means must be computed the same way (calibrate-irs does).
 */
public final class RealismStatistics {
    /** Working size of the IRS statistics (square). Our choice, shared by the calibration. */
    public static final int WORK_SIZE = 512;
    /** Canny thresholds on 8-bit grey, as the method states. */
    public static final double CANNY_LOW = 100, CANNY_HIGH = 200;
    /** Statistic order, which is also the pentagon's order. */
    public static final int EDGE = 0, CONTRAST = 1, ENERGY = 2, BLUR = 3, SPECTRUM = 4;
    public static final List<String> NAMES = List.of("edge_density", "glcm_contrast", "glcm_energy", "laplacian_variance",
            "fft_mean_magnitude");

    private RealismStatistics() { }

    /** The statistics of one image and the Canny edges they counted (working size). */
    public record Measurement(double[] stats, boolean[] edges, int width, int height) { }

    /** The five statistics (in {@link #NAMES} order) of an image at the working size. */
    public static double[] measure(FloatImage image) {
        return measureDetailed(image).stats();
    }

    /** The five statistics of an image at the working size, with the edge map. */
    public static Measurement measureDetailed(FloatImage image) {
        FloatImage grey = image.toGrey();
        float[] g = Resample.resize(grey.plane(0), grey.width(), grey.height(), WORK_SIZE, WORK_SIZE);
        for (int i = 0; i < g.length; i++) g[i] = Math.round(Math.max(0, Math.min(1, g[i])) * 255f);
        return statisticsDetailed(g, WORK_SIZE, WORK_SIZE);
    }

    /** The five statistics of an 8-bit grey plane (values 0..255), at its own size. */
    public static double[] statistics(float[] g8, int w, int h) {
        return statisticsDetailed(g8, w, h).stats();
    }

    private static Measurement statisticsDetailed(float[] g8, int w, int h) {
        double[] s = new double[5];
        boolean[] edges = Canny.edges(g8, w, h, CANNY_LOW, CANNY_HIGH);
        s[EDGE] = (double) Canny.count(edges) / (w * h);
        double[] glcm = glcm(g8, w, h);
        s[CONTRAST] = glcm[1];
        s[ENERGY] = glcm[0];
        s[BLUR] = laplacianVariance(g8, w, h);
        s[SPECTRUM] = fftMeanMagnitude(g8, w, h);
        return new Measurement(s, edges, w, h);
    }

    /** {energy (angular second moment), contrast} of the symmetric, normalised GLCM at distance 1, angle 0. */
    public static double[] glcm(float[] g8, int w, int h) {
        if (w < 2) return new double[]{1, 0};
        long[] counts = new long[256 * 256];
        for (int y = 0; y < h; y++) {
            int o = y * w;
            for (int x = 0; x + 1 < w; x++) {
                int a = level(g8[o + x]), b = level(g8[o + x + 1]);
                counts[a * 256 + b]++;
                counts[b * 256 + a]++;
            }
        }
        double total = 2.0 * h * (w - 1);
        double energy = 0, contrast = 0;
        for (int i = 0; i < 256; i++) {
            for (int j = 0; j < 256; j++) {
                long c = counts[i * 256 + j];
                if (c == 0) continue;
                double p = c / total;
                energy += p * p;
                contrast += p * (i - j) * (i - j);
            }
        }
        return new double[]{energy, contrast};
    }

    private static int level(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(255, i);
    }

    /** Population variance of the 4-neighbour Laplacian (0 1 0 / 1 -4 1 / 0 1 0), border mirrored without repeat (x[-1] = x[1]). */
    public static double laplacianVariance(float[] g, int w, int h) {
        double sum = 0, sum2 = 0;
        for (int y = 0; y < h; y++) {
            int ya = mirror(y - 1, h) * w, yb = y * w, yc = mirror(y + 1, h) * w;
            for (int x = 0; x < w; x++) {
                double l = g[ya + x] + g[yc + x] + g[yb + mirror(x - 1, w)] + g[yb + mirror(x + 1, w)] - 4.0 * g[yb + x];
                sum += l;
                sum2 += l * l;
            }
        }
        double n = (double) w * h, mean = sum / n;
        return Math.max(0, sum2 / n - mean * mean);
    }

    private static int mirror(int i, int n) {
        if (n == 1) return 0;
        if (i < 0) return -i;
        if (i >= n) return 2 * n - 2 - i;
        return i;
    }

    /** Mean over all frequencies of |F(u, v)|, the unnormalised 2-D DFT (numpy's fft2 convention). */
    public static double fftMeanMagnitude(float[] g, int w, int h) {
        float[] m = new Fft2D(h, w).magnitude(g);
        double s = 0;
        for (float v : m) s += v;
        return s / m.length;
    }

    /**
     * Pentagon radii: each statistic divided by its reference mean; energy, blur and spectrum inverted (reference
     * over value) so that larger means "more real". Radii are capped at {@link ImageRealismScore#MAX_RADIUS}; NaN
     * where a statistic is undefined.
     */
    public static double[] radii(double[] stats, double[] referenceMeans) {
        double[] r = new double[5];
        for (int i = 0; i < 5; i++) {
            boolean inverted = i == ENERGY || i == BLUR || i == SPECTRUM;
            double v = inverted ? referenceMeans[i] / stats[i] : stats[i] / referenceMeans[i];
            // a division by zero is the limit (capped); an undefined statistic stays undefined, never a number
            r[i] = Double.isNaN(v) ? Double.NaN : Math.min(ImageRealismScore.MAX_RADIUS, Math.max(0, v));
        }
        return r;
    }

    /** Area of the pentagon with these radii at 72-degree spacing: 1/2 sin(72 deg) sum r_i r_(i+1). */
    public static double area(double[] r) {
        double s = 0;
        for (int i = 0; i < r.length; i++) s += r[i] * r[(i + 1) % r.length];
        return 0.5 * Math.sin(Math.toRadians(72)) * s;
    }
}
