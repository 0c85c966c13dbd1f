package org.provenant.ml.codec;

import java.util.Arrays;

/**
 * A latent tensor [1, channels, height, width] of a codec, row-major per channel.
 *
 * @param channels latent channels (M for y, Nz for z)
 * @param height   latent rows (image height / 16 for y)
 * @param width    latent columns
 * @param data     channels * height * width values; treated as immutable
 */
public record Latents(int channels, int height, int width, float[] data) {
    public Latents {
        if (channels <= 0 || height <= 0 || width <= 0 || data.length != channels * height * width)
            throw new IllegalArgumentException("latent shape " + channels + "x" + height + "x" + width
                    + " does not match " + data.length + " values");
    }

    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /** Rounded to the integer grid (what the codec stores). */
    public Latents rounded() {
        float[] r = new float[data.length];
        for (int i = 0; i < r.length; i++) r[i] = Math.round(data[i]);
        return new Latents(channels, height, width, r);
    }

    long[] shape() {
        return new long[] {1, channels, height, width};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Latents l && l.channels == channels && l.height == height && l.width == width
                && Arrays.equals(l.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + channels * 961 + height * 31 + width;
    }

    @Override
    public String toString() {
        return "Latents[" + channels + "x" + height + "x" + width + "]";
    }
}
