package org.provenant.app.common;

import java.util.Locale;

/** Number formatting for the workbench's labels and tables. */
public final class Formats {
    private Formats() { }

    /** Whole numbers without decimals, tiny or huge numbers in scientific notation, others with 3 decimals. */
    public static String value(double v) {
        if (!Double.isFinite(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.format(Locale.ROOT, "%d", (long) v);
        if (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** CSS colour for a 0xRRGGBB value. */
    public static String css(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }
}
