package org.provenant.core.image;

/**
 * A single-channel float map (heat map, spectrum, error map), row-major. Values are indicator-specific;
 * NaN marks "no value" (e.g. a flat block where a correlation is undefined).
 */
public record FloatMap(int width, int height, float[] data) {
    public FloatMap {
        if (width <= 0 || height <= 0 || data.length != width * height) {
            throw new IllegalArgumentException("bad map " + width + "x" + height + " with " + data.length + " values");
        }
    }

    public static FloatMap zeros(int width, int height) {
        return new FloatMap(width, height, new float[width * height]);
    }

    public float get(int x, int y) { return data[y * width + x]; }
    public void set(int x, int y, float v) { data[y * width + x] = v; }

    /** Minimum over finite values, or NaN when there is none. */
    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : data) if (Float.isFinite(v) && v < m) m = v;
        return m == Float.POSITIVE_INFINITY ? Float.NaN : m;
    }

    /** Maximum over finite values, or NaN when there is none. */
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : data) if (Float.isFinite(v) && v > m) m = v;
        return m == Float.NEGATIVE_INFINITY ? Float.NaN : m;
    }

    /** Mean over finite values, or NaN when there is none. */
    public double mean() {
        double s = 0;
        int n = 0;
        for (float v : data) if (Float.isFinite(v)) { s += v; n++; }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Bilinear sample at continuous coordinates in map pixels (centres at integer + 0.5). */
    public float sample(double x, double y) {
        double fx = Math.max(0, Math.min(width - 1, x - 0.5));
        double fy = Math.max(0, Math.min(height - 1, y - 0.5));
        int x0 = (int) fx, y0 = (int) fy;
        int x1 = Math.min(width - 1, x0 + 1), y1 = Math.min(height - 1, y0 + 1);
        double ax = fx - x0, ay = fy - y0;
        double top = get(x0, y0) * (1 - ax) + get(x1, y0) * ax;
        double bot = get(x0, y1) * (1 - ax) + get(x1, y1) * ax;
        return (float) (top * (1 - ay) + bot * ay);
    }

    /** Resamples (bilinear) to the given size, e.g. a block map up to image size. */
    public FloatMap resize(int w, int h) {
        float[] out = new float[w * h];
        double sx = (double) width / w, sy = (double) height / h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) out[y * w + x] = sample((x + 0.5) * sx, (y + 0.5) * sy);
        }
        return new FloatMap(w, h, out);
    }
}
