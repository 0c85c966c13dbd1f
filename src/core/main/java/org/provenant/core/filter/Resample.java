package org.provenant.core.filter;

/**
 * Separable resampling of one plane to a given size: exact area averaging (each source pixel weighted by the
 * fraction of it that an output pixel covers) along an axis that shrinks, linear interpolation along an axis
 * that grows. Rows are processed in parallel.
 */
public final class Resample {
    private Resample() { }

    public static float[] resize(float[] p, int w, int h, int outW, int outH) {
        if (outW < 1 || outH < 1) throw new IllegalArgumentException("empty target size");
        Weights wx = Weights.of(w, outW), wy = Weights.of(h, outH);
        float[] tmp = new float[outW * h];
        Parallel.forEach(h, y -> wx.apply(p, y * w, 1, tmp, y * outW, 1));
        float[] out = new float[outW * outH];
        Parallel.forEach(outW, x -> wy.apply(tmp, x, outW, out, x, outW));
        return out;
    }

    /** For each output index along one axis: the first source index and the weights of the following ones. */
    private record Weights(int[] first, float[][] w) {
        static Weights of(int n, int outN) {
            int[] first = new int[outN];
            float[][] w = new float[outN][];
            double scale = (double) n / outN;
            for (int o = 0; o < outN; o++) {
                if (scale >= 1) {
                    double a = o * scale, b = (o + 1) * scale;
                    int i0 = (int) Math.floor(a), i1 = Math.min(n, (int) Math.ceil(b));
                    first[o] = i0;
                    w[o] = new float[i1 - i0];
                    for (int i = i0; i < i1; i++) w[o][i - i0] = (float) ((Math.min(b, i + 1) - Math.max(a, i)) / scale);
                } else {
                    double s = Math.max(0, Math.min(n - 1, (o + 0.5) * scale - 0.5));
                    int i0 = Math.min(Math.max(0, n - 2), (int) Math.floor(s));
                    first[o] = i0;
                    if (n == 1) {
                        w[o] = new float[]{1};
                    } else {
                        float f = (float) (s - i0);
                        w[o] = new float[]{1 - f, f};
                    }
                }
            }
            return new Weights(first, w);
        }

        void apply(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
            for (int o = 0; o < first.length; o++) {
                float[] ww = w[o];
                int s = srcOff + first[o] * srcStride;
                float acc = 0;
                for (int k = 0; k < ww.length; k++) acc += ww[k] * src[s + k * srcStride];
                dst[dstOff + o * dstStride] = acc;
            }
        }
    }
}
