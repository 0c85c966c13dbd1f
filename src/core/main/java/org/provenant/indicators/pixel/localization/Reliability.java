package org.provenant.indicators.pixel.localization;

import org.provenant.core.image.FloatMap;

/**
 * Where the localization evidence is weak (TruFor's reliability map, here from what is known to silence the cues):
 * per cell, the product of
 * <ul>
 * <li>the share of comparative cues that could score the cell (a flat block has no error level, noise or detail
 *     to compare);</li>
 * <li>texture: 0 at a luma AC energy of {@value #FLAT_AC} (flat) rising to 1 at {@value #TEXTURED_AC} (8-bit units
 *     squared, log scale);</li>
 * <li>clipping: 1 minus the share of pixels clipped to black or white (saturated areas hold no noise or detail);</li>
 * <li>darkness: the mean luma over {@value #DARK_LUMA}, at most 1 (very dark areas hide noise and JPEG traces);</li>
 * <li>JPEG damage (whole image): 1 for a JPEG whose mean luma quantization step is at most {@value #STEP_FINE}
 *     (IJG quality 80 or better: mean step 23.1), falling to {@value #MIN_JPEG} at {@value #STEP_COARSE} (quality 50: 57.6) and
 *     beyond: heavy compression wipes the traces most cues read. Images that are not JPEG files get 1.</li>
 * </ul>
 * Fixed formula, our choice; it is shown beside the fused map and does not change the fused values.
 */
public final class Reliability {
    static final double FLAT_AC = 4, TEXTURED_AC = 100, DARK_LUMA = 0.12, STEP_FINE = 23, STEP_COARSE = 58, MIN_JPEG = 0.2;

    private Reliability() { }

    /** The JPEG factor for a file's mean luma quantization step (NaN: not a JPEG file). */
    public static double jpegFactor(double meanLumaStep) {
        if (!Double.isFinite(meanLumaStep)) return 1;
        double t = (meanLumaStep - STEP_FINE) / (STEP_COARSE - STEP_FINE);
        return Math.max(MIN_JPEG, Math.min(1, 1 - t * (1 - MIN_JPEG)));
    }

    public static FloatMap of(CellCues.Cues c, CellFeatures.Table t, double jpegFactor) {
        int n = c.grid().cells();
        int valid = t.names().indexOf("valid");
        float[] tex = c.context().get(CellCues.TEXTURE).data(), sat = c.context().get(CellCues.SATURATED).data(),
                dark = c.context().get(CellCues.DARK).data();
        float[] out = new float[n];
        double lo = Math.log(1 + FLAT_AC), hi = Math.log(1 + TEXTURED_AC);
        for (int i = 0; i < n; i++) {
            double share = valid < 0 ? 1 : t.rows()[i][valid];
            double texture = Float.isFinite(tex[i]) ? clamp((tex[i] - lo) / (hi - lo)) : 0;
            double clipped = Float.isFinite(sat[i]) ? 1 - sat[i] : 0;
            double light = Float.isFinite(dark[i]) ? clamp(dark[i] / DARK_LUMA) : 0;
            out[i] = (float) (share * texture * clipped * light * jpegFactor);
        }
        return new FloatMap(c.grid().gw(), c.grid().gh(), out);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
