package org.provenant.indicators;

/**
 * The family of evidence an indicator reads, as Sherloq groups its tools: the window, the report and the JSON
 * group indicators by it, in this order.
 */
public enum EvidenceFamily {
    FUSION("Assessment", "what all indicators together say"),
    FILE("File", "the file itself: metadata, provenance, Content Credentials"),
    JPEG("JPEG", "the JPEG compression history"),
    PIXEL("Pixel", "local statistics of the pixels: edits, noise, cloning"),
    GENERATIVE("Generative", "traces of image generators"),
    CODEC("Neural codec", "traces of neural-codec (JPEG AI) compression");

    private final String displayName;
    private final String description;

    EvidenceFamily(String displayName, String description) {
        this.displayName = displayName;
        this.description = description;
    }

    public String displayName() { return displayName; }

    public String description() { return description; }
}
