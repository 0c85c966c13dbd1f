package org.provenant.core.filter;

/**
 * High-pass noise residuals: the image minus its 3x3 box mean ({@link #RADIUS} = 1), with the border replicated.
 * This keeps the fine detail and sensor noise in which cameras, codecs and generators differ, and removes
 * the scene content. The 3x3 mean (rather than a median or a learned denoiser) is our choice: it is linear,
 * separable and fast, and the residual of a constant or linear ramp is exactly zero away from the border.
 */
public final class HighPass {
    /** Half-width of the box: 1 means a 3x3 mean. Our choice (the papers do not fix the residual filter). */
    public static final int RADIUS = 1;

    private HighPass() { }

    /** Residual of a whole plane. */
    public static float[] residual(float[] plane, int w, int h) {
        float[] out = new float[w * h];
        residualRows(plane, w, h, 0, h, out, new float[w]);
        return out;
    }

    /**
     * Residual of rows [y0, y1) of a plane into {@code out} (row y at offset (y - y0) * w).
     *
     * @param colSum scratch of at least w floats (one per caller, reused across calls)
     */
    public static void residualRows(float[] p, int w, int h, int y0, int y1, float[] out, float[] colSum) {
        final float inv9 = 1f / 9f;
        for (int y = y0; y < y1; y++) {
            int ra = Math.max(0, y - 1) * w, rb = y * w, rc = Math.min(h - 1, y + 1) * w;
            for (int x = 0; x < w; x++) colSum[x] = p[ra + x] + p[rb + x] + p[rc + x];
            int o = (y - y0) * w;
            if (w == 1) {
                out[o] = p[rb] - (3f * colSum[0]) * inv9;
                continue;
            }
            out[o] = p[rb] - (2f * colSum[0] + colSum[1]) * inv9;
            for (int x = 1; x < w - 1; x++) out[o + x] = p[rb + x] - (colSum[x - 1] + colSum[x] + colSum[x + 1]) * inv9;
            out[o + w - 1] = p[rb + w - 1] - (colSum[w - 2] + 2f * colSum[w - 1]) * inv9;
        }
    }
}
