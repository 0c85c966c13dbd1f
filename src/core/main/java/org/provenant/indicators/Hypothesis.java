package org.provenant.indicators;

/** Which explanation of the evidence an indicator's result supports. Colours are used by every view. */
public enum Hypothesis {
    CAMERA_ORIGINAL("consistent with a camera original", 0x2e7d32),
    NEURAL_CODEC("suggests neural-codec compression", 0xef6c00),
    DOUBLE_COMPRESSED("suggests repeated compression", 0xf9a825),
    GENERATED("suggests a generated image", 0xc62828),
    MANIPULATED("suggests local manipulation", 0x6a1b9a),
    INCONCLUSIVE("inconclusive", 0x757575);

    private final String phrase;
    private final int rgb;

    Hypothesis(String phrase, int rgb) {
        this.phrase = phrase;
        this.rgb = rgb;
    }

    /** Short phrase for a verdict strip, e.g. "suggests a generated image". */
    public String phrase() { return phrase; }

    /** 0xRRGGBB colour used for this hypothesis in the GUI and the report. */
    public int rgb() { return rgb; }
}
