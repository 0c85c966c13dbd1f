package org.provenant.indicators;

import org.provenant.core.image.FloatImage;

/**
 * One forensic indicator: a pure function image (+ models) -> result. Implementations are stateless and
 * thread-safe, never touch a GUI, and are found through {@link IndicatorRegistry} (ServiceLoader).
 */
public interface Indicator {
    /** Stable id, e.g. "colour-correlation". */
    String id();

    /** Name shown on the panel, e.g. "Colour-channel correlation". */
    String displayName();

    /** Method reference for the report, e.g. "Bergmann et al., arXiv 2504.03191, cue 1". */
    String methodReference();

    /** Position in panel order (lower first). */
    default int order() { return 100; }

    /**
     * Rough cost of one analysis of a 12 MP photo, in tenths of a CPU second (0: a few milliseconds). The engine
     * starts the instant ones first (a first result at once), then the others longest first, so that its threads
     * stay busy to the end; FUSION indicators, which wait for the others, last. A scheduling hint only.
     */
    default int cost() { return 1; }

    /** Which family of evidence it reads; views, report and JSON group indicators by it. */
    default EvidenceFamily family() { return EvidenceFamily.PIXEL; }

    /**
     * The page of the user guide ({@code docs/}, bundled in the window's Help) that describes its method and what it
     * measured, e.g. "c2pa.md"; the panel links to it. By default its family's page.
     */
    default String guidePage() { return family().guidePage(); }

    /**
     * The settings an examiner may change, declared once ({@link Parameter}); read them with
     * {@link IndicatorContext#value(Parameter)}. None by default.
     */
    default java.util.List<Parameter> parameters() { return java.util.List.of(); }

    IndicatorResult analyze(FloatImage image, IndicatorContext context) throws IndicatorException;
}
