package org.provenant.indicators.pixel.localization;

import java.util.Arrays;
import org.provenant.core.filter.Parallel;
import org.provenant.core.filter.Resample;
import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.pixel.pixelkit.KdTree;

/**
 * Near-duplicate patches: the share of small textured patches in each cell that have an almost identical twin
 * elsewhere in the image. Exemplar-based object removal (Criminisi et al. 2004) and clone-stamp retouching fill a
 * hole with patches copied from the rest of the image, and a copy-move pastes a whole region: their patches have
 * exact or near-exact twins, which natural texture rarely has at this size (8x8 pixels, 2x2-averaged, at most
 * {@link #TOLERANCE} levels apart on average and less than a tenth of the patch's own contrast). Unlike
 * {@link org.provenant.indicators.pixel.copymove.CopyMove}, nothing needs to form a large cluster with one affine
 * map: each of the many small copies of an exemplar fill counts. Rotated or rescaled copies are not found here.
 */
public final class DuplicatePatches {
    /** Patch side and its descriptor: 4x4 means of 2x2 pixels, minus the patch mean, plus the mean. */
    static final int PATCH = 8, DIMS = 17;
    /** Patches with a contrast (standard deviation, 8-bit levels) under this are flat and never matched. Our choice. */
    static final double MIN_STD = 5;
    /** RMS descriptor difference (8-bit levels) of a twin, and its largest share of the patch contrast. Our choice. */
    static final double TOLERANCE = 2.0, CONTRAST_SHARE = 0.1;
    /** Twins must be at least this far apart (pixels of the analysed copy): overlapping patches are not twins. */
    static final int MIN_SHIFT = 8;
    /** The analysed grey copy is at most this many pixels on its longer side. */
    static final int MAX_SIDE = 1024;
    static final int SEARCH_BUDGET = 64;

    private DuplicatePatches() { }

    /** Share (0..1) of tested patches with a twin, per cell of {@code grid}; NaN where no patch was tested. */
    public static FloatMap share(FloatImage grey, CellGrid grid, IndicatorContext ctx) {
        double f = Math.min(1, (double) MAX_SIDE / Math.max(grey.width(), grey.height()));
        int w = Math.max(1, (int) Math.round(grey.width() * f)), h = Math.max(1, (int) Math.round(grey.height() * f));
        float[] p = f < 1 ? Resample.resize(grey.plane(0), grey.width(), grey.height(), w, h) : grey.plane(0);
        int stride = Math.max(w, h) <= 640 ? 2 : 3;
        int nx = w < PATCH ? 0 : (w - PATCH) / stride + 1, ny = h < PATCH ? 0 : (h - PATCH) / stride + 1;
        float[][] desc = new float[nx * ny][];
        float[] contrast = new float[nx * ny];
        Parallel.forEach(ny, j -> {
            for (int i = 0; i < nx; i++) {
                float[] d = descriptor(p, w, i * stride, j * stride);
                if (d == null) continue;
                contrast[j * nx + i] = d[DIMS];
                desc[j * nx + i] = Arrays.copyOf(d, DIMS);
            }
        });
        int kept = 0;
        for (float[] d : desc) if (d != null) kept++;
        double[] sum = new double[grid.cells()];
        int[] tested = new int[grid.cells()];
        if (kept >= 2) {
            float[][] pts = new float[kept][];
            int[] at = new int[kept];
            kept = 0;
            for (int b = 0; b < desc.length; b++) if (desc[b] != null) { pts[kept] = desc[b]; at[kept++] = b; }
            KdTree tree = new KdTree(pts);
            int n = kept;
            boolean[] twin = new boolean[n];
            Parallel.forEach((n + 1023) / 1024, chunk -> {
                ctx.progress().checkCancelled();
                int[] oi = new int[2];
                float[] od = new float[2];
                for (int a = chunk * 1024; a < Math.min(n, (chunk + 1) * 1024); a++) {
                    int ax = at[a] % nx * stride, ay = at[a] / nx * stride;
                    int found = tree.nearest(pts[a], 1, c -> Math.abs(at[c] % nx * stride - ax) < MIN_SHIFT
                            && Math.abs(at[c] / nx * stride - ay) < MIN_SHIFT, oi, od, SEARCH_BUDGET);
                    if (found == 0) continue;
                    double std = contrast[at[a]];
                    double tol = Math.min(TOLERANCE, CONTRAST_SHARE * std);
                    twin[a] = od[0] <= tol * tol * (DIMS - 1);
                }
            });
            for (int a = 0; a < n; a++) {
                int ax = at[a] % nx * stride + PATCH / 2, ay = at[a] / nx * stride + PATCH / 2;
                int c = grid.cy((int) (ay / f)) * grid.gw() + grid.cx((int) (ax / f));
                tested[c]++;
                if (twin[a]) sum[c]++;
            }
        }
        float[] out = new float[grid.cells()];
        for (int c = 0; c < out.length; c++) out[c] = tested[c] == 0 ? Float.NaN : (float) (sum[c] / tested[c]);
        return new FloatMap(grid.gw(), grid.gh(), out);
    }

    /** The descriptor of the patch at (x0, y0) in 8-bit levels, with its contrast appended; null for a flat patch. */
    static float[] descriptor(float[] p, int w, int x0, int y0) {
        float[] d = new float[DIMS + 1];
        double s = 0, s2 = 0;
        for (int y = 0; y < PATCH; y++) {
            for (int x = 0; x < PATCH; x++) {
                double v = p[(y0 + y) * w + x0 + x] * 255.0;
                s += v;
                s2 += v * v;
                d[(y / 2) * 4 + x / 2] += (float) (v / 4);
            }
        }
        double mean = s / (PATCH * PATCH), std = Math.sqrt(Math.max(0, s2 / (PATCH * PATCH) - mean * mean));
        if (std < MIN_STD) return null;
        for (int k = 0; k < 16; k++) d[k] -= (float) mean;
        d[16] = (float) mean;
        d[DIMS] = (float) std;
        return d;
    }
}
