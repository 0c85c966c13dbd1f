package org.provenant.ml.calibration;

import java.util.Locale;

/**
 * The ENFSI verbal equivalents of a likelihood ratio (ENFSI Guideline for Evaluative Reporting in Forensic
 * Science, 2015): LR 1 "no support", 2-10 "weak", 10-100 "moderate", 100-1,000 "moderately strong",
 * 1,000-10,000 "strong", 10,000-1,000,000 "very strong", above "extremely strong" support for the hypothesis the
 * ratio favours. An LR below 1 supports the other hypothesis by 1/LR.
 */
public enum EnfsiScale {
    NONE("no support for either proposition", 1),
    WEAK("weak support", 2),
    MODERATE("moderate support", 10),
    MODERATELY_STRONG("moderately strong support", 100),
    STRONG("strong support", 1_000),
    VERY_STRONG("very strong support", 10_000),
    EXTREMELY_STRONG("extremely strong support", 1_000_000);

    private final String words;
    private final double from;

    EnfsiScale(String words, double from) {
        this.words = words;
        this.from = from;
    }

    public String words() { return words; }

    /** The smallest LR (>= 1) of this step. */
    public double from() { return from; }

    /** The step of an LR, taken on max(LR, 1/LR); NaN gives NONE. */
    public static EnfsiScale of(double lr) {
        if (!(lr > 0) || Double.isNaN(lr)) return NONE;
        double m = Math.max(lr, 1 / lr);
        EnfsiScale s = NONE;
        for (EnfsiScale e : values()) if (m >= e.from) s = e;
        return s;
    }

    /**
     * A sentence such as "moderate support for 'generated' over 'camera original' (LR 24)"; for LR below 1 the
     * propositions swap.
     */
    public static String sentence(double lr, String positive, String negative) {
        EnfsiScale s = of(lr);
        if (s == NONE) return String.format(Locale.ROOT, "no support for either '%s' or '%s' (LR %s)", positive, negative, fmt(lr));
        boolean forPos = lr >= 1;
        return String.format(Locale.ROOT, "%s for '%s' over '%s' (LR %s)", s.words,
                forPos ? positive : negative, forPos ? negative : positive, forPos ? fmt(lr) : "1/" + fmt(1 / lr));
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
