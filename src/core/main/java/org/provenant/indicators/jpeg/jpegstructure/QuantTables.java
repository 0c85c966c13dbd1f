package org.provenant.indicators.jpeg.jpegstructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Quality estimates and the table of known encoders' quantization tables. The only documented family here is
 * the IJG one: the example tables of ITU-T T.81 Annex K (K.1 luminance, K.2 chrominance) scaled by libjpeg's
 * {@code jpeg_quality_scaling} (quality q below 50: 5000/q percent, else 200 - 2q percent; values rounded, clamped
 * to 1..255), computed here for q = 1..100. libjpeg, libjpeg-turbo, Java ImageIO, Pillow, GIMP, ImageMagick and
 * OpenCV write these by default, so an exact match names that family and a quality, not one program. Other
 * encoders (cameras, Photoshop, mozjpeg's default tables) use tables of their own: they come out as
 * "non-standard tables" with the nearest IJG quality as a rough figure.
 */
final class QuantTables {
    static final int[] LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    static final int[] CHROMA = new int[64];

    static {
        java.util.Arrays.fill(CHROMA, 99);
        int[][] top = {{17, 18, 24, 47}, {18, 21, 26, 66}, {24, 26, 56, 99}, {47, 66, 99, 99}};
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) CHROMA[y * 8 + x] = top[y][x];
    }

    /** How a table compares with the IJG family. */
    record Estimate(int quality, boolean exact, double meanDeviation, int maxDeviation) {
        /** Identical, or off by one step at most (Java ImageIO scales the same tables in floating point). */
        boolean family() { return quality >= 0 && maxDeviation <= 1; }

        /** "quality 90", "own tables near quality 92". */
        String shortWords() {
            if (quality < 0) return "no luminance table";
            return family() ? "quality " + quality : "own tables near quality " + quality;
        }

        String words() {
            if (quality < 0) return "unknown";
            if (exact) return "IJG quality " + quality + " (exact match)";
            if (family()) return "IJG quality " + quality + " (matches within one step of rounding, as Java ImageIO scales the tables)";
            return String.format(Locale.ROOT, "non-standard table; nearest IJG quality %d (mean difference %.1f steps)",
                    quality, meanDeviation);
        }
    }

    private QuantTables() { }

    /** The IJG table of the given base (LUMA or CHROMA) at quality 1..100, baseline clamp (1..255). */
    static int[] ijg(int[] base, int quality) {
        int q = Math.max(1, Math.min(100, quality));
        int scale = q < 50 ? 5000 / q : 200 - 2 * q;
        int[] t = new int[64];
        for (int i = 0; i < 64; i++) t[i] = Math.max(1, Math.min(255, (base[i] * scale + 50) / 100));
        return t;
    }

    /** Compares a table (natural order) with the IJG tables of the given base at every quality. */
    static Estimate estimate(int[] table, int[] base) {
        if (table == null) return new Estimate(-1, false, Double.NaN, Integer.MAX_VALUE);
        int best = -1, bestMax = Integer.MAX_VALUE;
        double bestDev = Double.MAX_VALUE;
        for (int q = 1; q <= 100; q++) {
            int[] t = ijg(base, q);
            double dev = 0;
            int max = 0;
            for (int i = 0; i < 64; i++) {
                dev += Math.abs(t[i] - table[i]);
                max = Math.max(max, Math.abs(t[i] - table[i]));
            }
            dev /= 64;
            if (dev < bestDev - 1e-12) {
                bestDev = dev;
                best = q;
                bestMax = max;
            }
        }
        return new Estimate(best, bestDev == 0, bestDev, bestMax);
    }

    /** Share of the frequencies showing an earlier compression whose first step an IJG quality must match. Our choice. */
    static final double FIRST_QUALITY_AGREEMENT = 0.75;

    /**
     * The IJG luminance quality whose steps match the estimated first steps of an earlier compression at the most
     * frequencies that show it (the middle one of equally good qualities); -1 when fewer than 3 frequencies show it
     * or no quality matches {@link #FIRST_QUALITY_AGREEMENT} of them (a camera's own tables, a resize in between).
     */
    static int firstQuality(DoubleQuantization.Frequency[] frequencies) {
        List<DoubleQuantization.Frequency> shown = new ArrayList<>();
        for (DoubleQuantization.Frequency f : frequencies) if (f.shows()) shown.add(f);
        if (shown.size() < 3) return -1;
        int best = 0, from = -1, to = -1;
        for (int q = 1; q <= 100; q++) {
            int[] t = ijg(LUMA, q);
            int hits = 0;
            for (DoubleQuantization.Frequency f : shown) if (t[JpegParser.ZIGZAG[f.zigzag()]] == f.q1()) hits++;
            if (hits > best) {
                best = hits;
                from = q;
                to = q;
            } else if (hits == best && to == q - 1) {
                to = q;
            }
        }
        return best >= FIRST_QUALITY_AGREEMENT * shown.size() ? (from + to) / 2 : -1;
    }

    /** The base table that fits a component: luminance for the first, chrominance for the others. */
    static int[] baseFor(int componentIndex) {
        return componentIndex == 0 ? LUMA : CHROMA;
    }
}
