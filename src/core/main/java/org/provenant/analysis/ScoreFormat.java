package org.provenant.analysis;

import java.util.Locale;

/** How a score value is printed by the CLI and the PDF report, so both show the same figure for the same score. */
public final class ScoreFormat {
    private ScoreFormat() { }

    /** 4 decimals; tiny or huge non-zero values in scientific notation; "n/a" for NaN or infinity. */
    public static String number(double v) {
        if (!Double.isFinite(v)) return "n/a";
        if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
