package org.provenant.indicators;

import java.util.List;
import java.util.Locale;
import org.provenant.core.image.FloatImage;

/**
 * The one test every indicator runs first: is there enough picture to judge? An image smaller than the indicator's
 * minimum, or one flat colour (black, white, grey, a fully transparent image whose hidden colour is uniform), has
 * no texture, noise or edges, so every statistic of it is undefined or meaningless; the indicator then reports
 * {@link Hypothesis#INCONCLUSIVE} with the reason ({@link #inconclusive}) instead of a verdict, its finding says
 * "not enough content to judge" ({@link Finding.Standing#NOT_HERE}), and its headline is NaN ("not computed"), never 0.
 */
public final class ContentCheck {
    /** Every reason starts with these words. */
    public static final String PREFIX = "Not enough content to judge: ";
    /**
     * Largest spread (max - min, on the 0..1 scale) of every channel for which an image counts as one flat colour:
     * 2 of 255 steps, which absorbs the rounding of a lossy codec (JPEG, WebP) on a uniform picture. Our choice.
     */
    public static final double FLAT_SPREAD = 2.0 / 255 + 1e-6;

    private ContentCheck() { }

    /**
     * The inconclusive result when {@code image} is smaller than {@code minWidth} x {@code minHeight} or one flat
     * colour; null when the indicator may go on. The flatness test is computed once per analysis (shared work).
     */
    public static IndicatorResult check(Indicator indicator, FloatImage image, IndicatorContext context,
                                        int minWidth, int minHeight) throws IndicatorException {
        String reason = reason(image, context, minWidth, minHeight);
        return reason == null ? null : inconclusive(indicator.id(), reason);
    }

    /** {@link #check} with the same minimum on both sides. */
    public static IndicatorResult check(Indicator indicator, FloatImage image, IndicatorContext context, int minSide)
            throws IndicatorException {
        return check(indicator, image, context, minSide, minSide);
    }

    /** Why the image cannot be judged (starting with {@link #PREFIX}), or null when it can. */
    public static String reason(FloatImage image, IndicatorContext context, int minWidth, int minHeight)
            throws IndicatorException {
        if (image.width() < minWidth || image.height() < minHeight) {
            return PREFIX + String.format(Locale.ROOT, "the image is %d x %d pixels; this indicator needs at least %d x %d"
                    + " pixels to measure anything.", image.width(), image.height(), minWidth, minHeight);
        }
        boolean flat = context == null ? isFlat(image) : context.shared(image).compute("content-check:flat", () -> isFlat(image));
        if (flat) {
            return PREFIX + "the image is one flat colour (every pixel within 2 of 255 levels of the others): it has no"
                    + " texture, noise or edges, so there is nothing that could tell a camera photo from any other source.";
        }
        return null;
    }

    /** An inconclusive result with the reason as its explanation and a NaN ("not computed") headline. */
    public static IndicatorResult inconclusive(String indicatorId, String reason) {
        Score head = new Score("content", "Not computed (not enough content)", Double.NaN, reason);
        return new IndicatorResult(indicatorId, head, List.of(head), List.of(), reason, Hypothesis.INCONCLUSIVE, 0.5,
                new double[0]).withFinding(Finding.notHere("not enough content to judge", reason));
    }

    /**
     * An inconclusive result with a NaN headline under the indicator's own key: the image is too small or too flat
     * for the statistic ({@code why} says which), with the maps that could still be drawn.
     */
    public static IndicatorResult notEnoughTexture(String id, String key, String label, String why, List<MapLayer> maps) {
        Score head = new Score(key, label, Double.NaN, "Not defined for this image: " + why);
        return new IndicatorResult(id, head, List.of(head), maps,
                PREFIX + "not enough texture to analyse: " + why + " The statistic needs fine detail (edges, grain, noise) in"
                        + " several parts of the image; a tiny, very narrow or flat one-colour image has none, so this"
                        + " indicator says nothing about it either way.", Hypothesis.INCONCLUSIVE, 0.5, null);
    }

    /** Whether every channel's values span at most {@link #FLAT_SPREAD} ({@link FloatImage#isUniform}). */
    public static boolean isFlat(FloatImage image) {
        return image.isUniform(FLAT_SPREAD);
    }
}
