package org.provenant.ml.zed;

/** The coder's resolution pyramid: each level is the 2x2 average of the one below, rounded half up (integers). */
final class Pyramid {
    private Pyramid() { }

    /** Next level of integer planes (w x h, even sides): round-half-up of each 2x2 mean, (sum + 2) / 4 floored. */
    static float[][] down(float[][] fine, int w, int h) {
        int cw = w / 2, ch = h / 2;
        float[][] out = new float[fine.length][cw * ch];
        for (int c = 0; c < fine.length; c++) {
            float[] f = fine[c], o = out[c];
            for (int y = 0; y < ch; y++) {
                int r0 = 2 * y * w, r1 = r0 + w;
                for (int x = 0; x < cw; x++) {
                    int s = (int) f[r0 + 2 * x] + (int) f[r0 + 2 * x + 1] + (int) f[r1 + 2 * x] + (int) f[r1 + 2 * x + 1];
                    o[y * cw + x] = (s + 2) >> 2;
                }
            }
        }
        return out;
    }
}
