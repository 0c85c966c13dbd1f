package org.provenant.core.filter;

/**
 * Canny edge detector as OpenCV's {@code cv2.Canny(img, low, high)} computes it by default: no pre-blur,
 * 3x3 Sobel gradients (border replicated), L1 magnitude |gx| + |gy|, non-maximum suppression in four direction
 * sectors (a pixel is kept when it is greater than one neighbour across the edge and not smaller than the other),
 * and hysteresis: pixels above {@code high} start edges, which grow through 8-connected pixels above {@code low}.
 */
public final class Canny {
    private static final double TAN_22_5 = Math.tan(Math.toRadians(22.5));
    private static final double TAN_67_5 = Math.tan(Math.toRadians(67.5));

    private Canny() { }

    /** Edge map (true = edge) of a plane of 8-bit-scale values (0..255). */
    public static boolean[] edges(float[] g, int w, int h, double low, double high) {
        int n = w * h;
        float[] mag = new float[n];
        float[] gxs = new float[n], gys = new float[n];
        Parallel.forEach(h, y -> {
            int ya = Math.max(0, y - 1) * w, yb = y * w, yc = Math.min(h - 1, y + 1) * w;
            for (int x = 0; x < w; x++) {
                int xa = Math.max(0, x - 1), xc = Math.min(w - 1, x + 1);
                float gx = (g[ya + xc] - g[ya + xa]) + 2 * (g[yb + xc] - g[yb + xa]) + (g[yc + xc] - g[yc + xa]);
                float gy = (g[yc + xa] - g[ya + xa]) + 2 * (g[yc + x] - g[ya + x]) + (g[yc + xc] - g[ya + xc]);
                gxs[yb + x] = gx;
                gys[yb + x] = gy;
                mag[yb + x] = Math.abs(gx) + Math.abs(gy);
            }
        });
        // 0 = suppressed, 1 = weak candidate, 2 = strong
        byte[] state = new byte[n];
        Parallel.forEach(h, y -> {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float m = mag[i];
                if (m <= low) continue;
                double ax = Math.abs(gxs[i]), ay = Math.abs(gys[i]);
                float a, b;
                if (ay <= ax * TAN_22_5) {
                    a = at(mag, w, h, x - 1, y);
                    b = at(mag, w, h, x + 1, y);
                } else if (ay > ax * TAN_67_5) {
                    a = at(mag, w, h, x, y - 1);
                    b = at(mag, w, h, x, y + 1);
                } else if ((gxs[i] > 0) == (gys[i] > 0)) {
                    a = at(mag, w, h, x - 1, y - 1);
                    b = at(mag, w, h, x + 1, y + 1);
                } else {
                    a = at(mag, w, h, x + 1, y - 1);
                    b = at(mag, w, h, x - 1, y + 1);
                }
                if (m > a && m >= b) state[i] = (byte) (m > high ? 2 : 1);
            }
        });
        boolean[] edge = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        for (int i = 0; i < n; i++) {
            if (state[i] == 2) {
                edge[i] = true;
                stack[top++] = i;
            }
        }
        while (top > 0) {
            int i = stack[--top], x = i % w, y = i / w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                    int j = ny * w + nx;
                    if (!edge[j] && state[j] == 1) {
                        edge[j] = true;
                        stack[top++] = j;
                    }
                }
            }
        }
        return edge;
    }

    /** Number of edge pixels. */
    public static int count(boolean[] edges) {
        int c = 0;
        for (boolean e : edges) if (e) c++;
        return c;
    }

    private static float at(float[] m, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : m[y * w + x];
    }
}
