package org.provenant.indicators;

/** Which explanation of the evidence an indicator's result supports. Colours are used by every view. */
public enum Hypothesis {
    CAMERA_ORIGINAL("consistent with a camera original", "a camera original", 0x2e7d32),
    NEURAL_CODEC("suggests neural-codec compression", "neural-codec compression", 0xef6c00),
    DOUBLE_COMPRESSED("suggests repeated compression", "repeated compression", 0xf9a825),
    GENERATED("suggests a generated image", "a generated image", 0xc62828),
    MANIPULATED("suggests local manipulation", "a local edit", 0x6a1b9a),
    INCONCLUSIVE("inconclusive", "neither", 0x757575);

    private final String phrase;
    private final String proposition;
    private final int rgb;

    Hypothesis(String phrase, String proposition, int rgb) {
        this.phrase = phrase;
        this.proposition = proposition;
        this.rgb = rgb;
    }

    /** Short phrase for a verdict strip, e.g. "suggests a generated image". */
    public String phrase() { return phrase; }

    /** The proposition as a noun, for "support for ...": "a generated image", "neural-codec compression". */
    public String proposition() { return proposition; }

    /** 0xRRGGBB colour used for this hypothesis in the GUI and the report. */
    public int rgb() { return rgb; }
}
