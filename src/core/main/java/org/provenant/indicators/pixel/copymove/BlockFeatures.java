package org.provenant.indicators.pixel.copymove;

import java.util.ArrayList;
import java.util.List;
import org.provenant.core.filter.Parallel;

/**
 * Rotation-invariant features of circular blocks: for 4 rings around the centre (radius {@link #RADIUS}), the mean
 * and the standard deviation of the grey values, and the magnitude of the first and second angular Fourier
 * harmonics of the outer rings. Means, deviations and harmonic magnitudes do not change when the block is
 * rotated, and change little under a small change of scale, so a region copied with a small rotation or scale
 * still matches its source (the idea of Zernike-moment magnitudes, Ryu et al. 2010, with cheaper rings).
 */
final class BlockFeatures {
    static final int RADIUS = 8;
    static final int DIMS = 13;
    private static final int[] DX, DY, RING;
    private static final float[] COS, SIN, COS2, SIN2;
    private static final int[] RING_N = new int[4];

    static {
        List<int[]> offs = new ArrayList<>();
        for (int dy = -RADIUS; dy <= RADIUS; dy++) {
            for (int dx = -RADIUS; dx <= RADIUS; dx++) {
                double r = Math.hypot(dx, dy);
                if (r <= RADIUS + 0.5) offs.add(new int[]{dx, dy, Math.min(3, (int) (r / 2.2))});
            }
        }
        int n = offs.size();
        DX = new int[n]; DY = new int[n]; RING = new int[n];
        COS = new float[n]; SIN = new float[n]; COS2 = new float[n]; SIN2 = new float[n];
        for (int i = 0; i < n; i++) {
            int[] o = offs.get(i);
            DX[i] = o[0]; DY[i] = o[1]; RING[i] = o[2];
            double a = Math.atan2(o[1], o[0]);
            COS[i] = (float) Math.cos(a); SIN[i] = (float) Math.sin(a);
            COS2[i] = (float) Math.cos(2 * a); SIN2[i] = (float) Math.sin(2 * a);
            RING_N[o[2]]++;
        }
    }

    private BlockFeatures() { }

    /**
     * Features of the blocks centred at (xs[i], ys[i]) of a grey plane in 8-bit units; null for a block whose
     * standard deviation is below {@code minStd} (flat: every flat block matches every other).
     */
    static float[][] compute(float[] p, int w, int[] xs, int[] ys, double minStd) {
        float[][] out = new float[xs.length][];
        Parallel.forEach((xs.length + 1023) / 1024, chunk -> {
            double[] sum = new double[4], sq = new double[4], c1 = new double[4], s1 = new double[4], c2 = new double[4], s2 = new double[4];
            for (int b = chunk * 1024; b < Math.min(xs.length, (chunk + 1) * 1024); b++) {
                java.util.Arrays.fill(sum, 0); java.util.Arrays.fill(sq, 0);
                java.util.Arrays.fill(c1, 0); java.util.Arrays.fill(s1, 0);
                java.util.Arrays.fill(c2, 0); java.util.Arrays.fill(s2, 0);
                int base = ys[b] * w + xs[b];
                double all = 0, all2 = 0;
                for (int i = 0; i < DX.length; i++) {
                    float v = p[base + DY[i] * w + DX[i]];
                    int r = RING[i];
                    sum[r] += v; sq[r] += v * v;
                    c1[r] += v * COS[i]; s1[r] += v * SIN[i];
                    c2[r] += v * COS2[i]; s2[r] += v * SIN2[i];
                    all += v; all2 += v * v;
                }
                double var = all2 / DX.length - (all / DX.length) * (all / DX.length);
                if (var < minStd * minStd) continue;
                float[] f = new float[DIMS];
                for (int r = 0; r < 4; r++) {
                    double m = sum[r] / RING_N[r];
                    f[r] = (float) m;
                    f[4 + r] = (float) Math.sqrt(Math.max(0, sq[r] / RING_N[r] - m * m));
                }
                for (int r = 1; r < 4; r++) f[7 + r] = (float) (2 * Math.hypot(c1[r], s1[r]) / RING_N[r]);
                for (int r = 2; r < 4; r++) f[9 + r] = (float) (2 * Math.hypot(c2[r], s2[r]) / RING_N[r]);
                out[b] = f;
            }
        });
        return out;
    }
}
