package org.provenant.indicators.pixel.localization;

import org.provenant.core.image.FloatImage;
import org.provenant.core.image.FloatMap;

/**
 * Fine-to-coarse detail ratio per tile: log(E_fine / E_coarse) of the luma, where the fine band is Y - B1(Y) and the
 * coarse band B1(Y) - B2(B1(Y)), B1 the separable [1 2 1]/4 blur and B2 the same blur dilated by 2 ([1 0 2 0 1]/4).
 * Camera noise and real detail put energy in the finest band; a patch that was upsampled, decoded by a network or
 * otherwise resynthesised has little of it compared with the band below, whatever its content.
 */
public final class DetailRatio {
    private DetailRatio() { }

    /** Floor added to both energies so that flat, noiseless tiles give a finite value. Our choice (8-bit step^2 / 4). */
    static final double ENERGY_FLOOR = 0.25 / (255.0 * 255.0);

    /** The ratio on tile x tile blocks (floor(w / tile) x floor(h / tile) values). */
    public static FloatMap tileMap(FloatImage image, int tile) {
        return measure(image, tile)[0];
    }

    /**
     * {ratio map, coarse-band energy map (mean squared coarse band per pixel)} on tile x tile blocks. A tile whose
     * coarse energy is under {@link #ENERGY_FLOOR} has no detail to compare (a flat or smooth area): cues that compare
     * detail between tiles should leave it out. The coarse band, not the fine one, decides: an upsampled patch loses
     * its fine band, which is what the ratio is there to find.
     */
    public static FloatMap[] measure(FloatImage image, int tile) {
        FloatImage grey = image.toGrey();
        int w = grey.width(), h = grey.height();
        float[] y = grey.plane(0);
        float[] b1 = blur(y, w, h, 1);
        float[] b2 = blur(b1, w, h, 2);
        int gw = Math.max(1, w / tile), gh = Math.max(1, h / tile);
        double[] fine = new double[gw * gh], coarse = new double[gw * gh];
        for (int yy = 0; yy < gh * tile && yy < h; yy++) {
            int gy = yy / tile;
            for (int xx = 0; xx < gw * tile && xx < w; xx++) {
                int i = yy * w + xx, g = gy * gw + xx / tile;
                double f = y[i] - b1[i], c = b1[i] - b2[i];
                fine[g] += f * f;
                coarse[g] += c * c;
            }
        }
        float[] out = new float[gw * gh], energy = new float[gw * gh];
        double n = (double) tile * tile;
        for (int g = 0; g < out.length; g++) {
            out[g] = (float) Math.log((fine[g] / n + ENERGY_FLOOR) / (coarse[g] / n + ENERGY_FLOOR));
            energy[g] = (float) (coarse[g] / n);
        }
        return new FloatMap[]{new FloatMap(gw, gh, out), new FloatMap(gw, gh, energy)};
    }

    /** Separable [1 2 1]/4 blur with taps at distance {@code d}, edges clamped. */
    static float[] blur(float[] p, int w, int h, int d) {
        float[] tmp = new float[w * h], out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int o = y * w;
            for (int x = 0; x < w; x++) {
                tmp[o + x] = 0.25f * p[o + Math.max(0, x - d)] + 0.5f * p[o + x] + 0.25f * p[o + Math.min(w - 1, x + d)];
            }
        }
        for (int y = 0; y < h; y++) {
            int a = Math.max(0, y - d) * w, b = y * w, c = Math.min(h - 1, y + d) * w;
            for (int x = 0; x < w; x++) out[b + x] = 0.25f * tmp[a + x] + 0.5f * tmp[b + x] + 0.25f * tmp[c + x];
        }
        return out;
    }
}
