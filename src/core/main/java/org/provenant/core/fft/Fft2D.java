package org.provenant.core.fft;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * 2-D FFT over JTransforms ({@link FloatFFT_2D}). Chosen over Commons Math's FastFourierTransformer because it
 * transforms any size (Commons Math only powers of two), works in float and in 2-D directly; speed at 1024x1024 was
 * measured with {@code provenant bench fft} (comparable on a loaded 2-core machine, see the report). An instance holds the precomputed tables for one size; it is cheap to
 * create and must not be shared between threads that transform at the same time (create one per worker).
 * Frequencies are in FFT order (DC at index 0); {@link #shift} centres them for display.
 */
public final class Fft2D {
    private final int rows;
    private final int cols;
    private final FloatFFT_2D fft;

    public Fft2D(int rows, int cols) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("empty FFT size " + rows + "x" + cols);
        this.rows = rows;
        this.cols = cols;
        this.fft = new FloatFFT_2D(rows, cols);
    }

    public int rows() { return rows; }
    public int cols() { return cols; }

    /** In-place forward transform of interleaved complex data: row r, column c at [2 * (r * cols + c)] (re) and +1 (im). */
    public void complexForward(float[] interleaved) {
        if (interleaved.length != 2 * rows * cols) throw new IllegalArgumentException("need " + 2 * rows * cols + " floats");
        fft.complexForward(interleaved);
    }

    /** Magnitudes |F(u, v)| (rows x cols, FFT order, unnormalised) of a real plane of rows x cols values. */
    public float[] magnitude(float[] real) {
        if (real.length != rows * cols) throw new IllegalArgumentException("need " + rows * cols + " values");
        float[] z = new float[2 * rows * cols];
        for (int i = 0; i < real.length; i++) z[2 * i] = real[i];
        fft.complexForward(z);
        float[] m = new float[rows * cols];
        for (int i = 0; i < m.length; i++) m[i] = (float) Math.hypot(z[2 * i], z[2 * i + 1]);
        return m;
    }

    /** Moves the zero frequency to the centre (index (w/2, h/2)), like numpy's fftshift. */
    public static float[] shift(float[] m, int w, int h) {
        float[] out = new float[w * h];
        int hx = w / 2, hy = h / 2;
        for (int y = 0; y < h; y++) {
            int ty = (y + hy) % h;
            for (int x = 0; x < w; x++) out[ty * w + (x + hx) % w] = m[y * w + x];
        }
        return out;
    }

    /** Periodic Hann window of length n: 0.5 - 0.5 cos(2 pi i / n). */
    public static float[] hann(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        return w;
    }
}
