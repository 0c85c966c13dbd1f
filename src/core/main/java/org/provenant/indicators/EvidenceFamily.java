package org.provenant.indicators;

/**
 * The family of evidence an indicator reads, as Sherloq groups its tools: the window, the report and the JSON
 * group indicators by it, in this order.
 */
public enum EvidenceFamily {
    FUSION("Assessment", "what all indicators together say", "assessment.md"),
    FILE("File", "the file itself: metadata, provenance, Content Credentials", "file-evidence.md"),
    JPEG("JPEG", "the JPEG compression history", "file-evidence.md"),
    PIXEL("Pixel", "local statistics of the pixels: edits, noise, cloning", "pixel-toolbox.md"),
    GENERATIVE("Generative", "traces of image generators", "indicators.md"),
    CODEC("Neural codec", "traces of neural-codec (JPEG AI) compression", "neural-codec.md");

    private final String displayName;
    private final String description;
    private final String guidePage;

    EvidenceFamily(String displayName, String description, String guidePage) {
        this.displayName = displayName;
        this.description = description;
        this.guidePage = guidePage;
    }

    public String displayName() { return displayName; }

    public String description() { return description; }

    /** The page of the user guide ({@code docs/}) on this family's methods; see {@link Indicator#guidePage()}. */
    public String guidePage() { return guidePage; }
}
