package org.provenant.indicators;

import java.util.Locale;

/**
 * A setting of an indicator that an examiner may change, declared once by the indicator ({@link Indicator#parameters()})
 * and read through {@link IndicatorContext#value(Parameter)}. From this one declaration the window draws its control,
 * {@code provenant analyze|batch --param KEY=VALUE} checks what is typed, the stored results' key and the JSON record
 * the values that differ from the default, and the PDF report lists them. Values are whole numbers (every setting so
 * far is one: a JPEG quality, a size in pixels, a count).
 *
 * <pre>{@code
 * public static final Parameter QUALITY = Parameter.whole("ela.quality", "Re-save quality", 50, 100, 5, 90,
 *         "JPEG quality of the re-save: near the quality the image was last saved at, untouched content goes dark");
 * @Override public List<Parameter> parameters() { return List.of(QUALITY); }
 * ... int q = context.value(QUALITY);
 * }</pre>
 *
 * @param key          the name typed after {@code --param} and stored, {@code indicator.setting}
 * @param label        a few words for the control
 * @param min          smallest value allowed
 * @param max          largest value allowed
 * @param step         the control's increment (any whole value in range is accepted)
 * @param defaultValue the value when the examiner sets none; results with it are stored as with no setting
 * @param meaning      one sentence: what the setting changes
 */
public record Parameter(String key, String label, int min, int max, int step, int defaultValue, String meaning) {
    public Parameter {
        if (key == null || !key.matches("[a-z0-9-]+\\.[a-z0-9_]+")) throw new IllegalArgumentException("parameter key " + key);
        if (min > defaultValue || defaultValue > max || step < 1) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " outside " + min + ".." + max);
        }
    }

    /** A whole-number setting. */
    public static Parameter whole(String key, String label, int min, int max, int step, int defaultValue, String meaning) {
        return new Parameter(key, label, min, max, step, defaultValue, meaning);
    }

    /** E.g. "a whole number from 50 to 100 (default 90)". */
    public String range() {
        return String.format(Locale.ROOT, "a whole number from %d to %d (default %d)", min, max, defaultValue);
    }

    /**
     * The value of {@code text}, or an {@link IllegalArgumentException} whose message is one line naming the key and
     * the allowed range.
     */
    public int parse(String text) {
        String t = text == null ? "" : text.strip();
        try {
            int v = Integer.parseInt(t);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new IllegalArgumentException("parameter " + key + " must be " + range() + ", not '" + t + "'");
    }

    /** The value in use in these settings: see {@link #valueOf}. */
    public int value(java.util.Map<String, String> settings) {
        return valueOf(settings == null ? null : settings.get(key));
    }

    /** The value a context's text gives: the default when absent or unreadable, else clamped into the range. */
    int valueOf(String text) {
        if (text == null) return defaultValue;
        try {
            double d = Double.parseDouble(text.strip());
            if (!Double.isFinite(d)) return defaultValue;
            return (int) Math.max(min, Math.min(max, Math.round(d)));
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
