package org.provenant.indicators.pixel.pixelkit;

import org.provenant.core.image.FloatMap;

/** Small statistics of per-cell maps that skip NaN (unanalysed) cells. */
public final class CellMaps {
    private CellMaps() { }

    /** Share of the finite cells at or above {@code t}; NaN when no cell is finite. */
    public static double shareAtLeast(FloatMap m, double t) {
        int n = 0, hit = 0;
        for (float v : m.data()) {
            if (!Float.isFinite(v)) continue;
            n++;
            if (v >= t) hit++;
        }
        return n == 0 ? Double.NaN : hit / (double) n;
    }

    /** Number of finite cells. */
    public static int finite(FloatMap m) {
        int n = 0;
        for (float v : m.data()) if (Float.isFinite(v)) n++;
        return n;
    }
}
