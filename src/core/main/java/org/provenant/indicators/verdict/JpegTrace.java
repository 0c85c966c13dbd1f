package org.provenant.indicators.verdict;

import java.util.Locale;
import org.provenant.core.filter.BlockGrid;
import org.provenant.core.image.FloatImage;
import org.provenant.core.io.Evidence;
import org.provenant.core.io.JpegStructure;
import org.provenant.indicators.IndicatorContext;
import org.provenant.indicators.IndicatorException;

/**
 * Traces of classic JPEG compression, the main cause of false alarms on camera photos: from the evidence file's
 * headers ({@link JpegStructure}) and from the pixels' 8x8 block grid ({@link BlockGrid}, which also finds a PNG crop
 * of a camera JPEG). Computed once per analysis and shared by the indicators that must account for it.
 *
 * @param file   the evidence file is a classic JPEG
 * @param chroma its chroma subsampling ("none" when it is not a JPEG)
 * @param grid   the pixel block grid
 */
public record JpegTrace(boolean file, String chroma, BlockGrid grid) {
    /**
     * Pixel block-grid strength from which an image counts as classic-JPEG compressed even when its file is not a JPEG.
     * Measured on the evaluation corpus (models/training/data, docs/validation.md): our
     * choice from that distribution.
     */
    public static final double GRID_STRENGTH = 0.1;
    /** A verdict gate: no lean where a classic-JPEG trace is found ({@link #where} says which). */
    public static final VerdictPolicy.Gate GATE = (image, context) -> {
        JpegTrace t = of(image, context);
        return t.any() ? t.where() : null;
    };

    /** Whether any JPEG trace was found. */
    public boolean any() {
        return file || pixelGrid();
    }

    /** Whether the pixels carry a block grid at or above {@link #GRID_STRENGTH}. */
    public boolean pixelGrid() {
        return grid.strength() >= GRID_STRENGTH;
    }

    /** Where the trace was found, in words. */
    public String where() {
        if (file) return "the file is a classic JPEG (" + chroma + " chroma)";
        return String.format(Locale.ROOT, "the pixels carry an 8x8 JPEG block grid (strength %.2f, at or above %.2f)",
                grid.strength(), GRID_STRENGTH);
    }

    /** The trace of this image, computed once per analysis. */
    public static JpegTrace of(FloatImage image, IndicatorContext context) throws IndicatorException {
        return context.shared(image).compute("jpeg-trace", () -> of(image, context.evidenceFile().orElse(null)));
    }

    /** The trace of an image decoded from {@code evidence} (null: no file, pixels only). */
    public static JpegTrace of(FloatImage image, Evidence evidence) {
        FloatImage grey = image.toGrey();
        BlockGrid grid = BlockGrid.measure(grey.plane(0), grey.width(), grey.height());
        var js = JpegStructure.of(evidence);
        return new JpegTrace(js.isPresent(), js.map(JpegStructure::chroma).orElse("none"), grid);
    }
}
