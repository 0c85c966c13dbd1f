package org.provenant.analysis.casefolder;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One examiner's mark on the evidence, pinned to image pixel coordinates (x to the right, y down, in the
 * pixels of the decoded evidence, so it stays put at every zoom level).
 *
 * @param kind    rectangle, arrow or text note
 * @param x1      rectangle corner / arrow tail / note pin
 * @param y1      see x1
 * @param x2      opposite rectangle corner / arrow head; equal to x1 for a note
 * @param y2      see x2
 * @param text    the examiner's words (may be empty for rectangles and arrows)
 * @param author  who made it
 * @param created when, as ISO-8601 UTC text (e.g. "2026-11-23T10:30:00Z")
 * @param colour  "#RRGGBB"
 */
public record Annotation(Kind kind, double x1, double y1, double x2, double y2, String text, String author,
                         String created, String colour) {
    public enum Kind { RECTANGLE, ARROW, NOTE }

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    public Annotation {
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(x1) || !Double.isFinite(y1) || !Double.isFinite(x2) || !Double.isFinite(y2)) {
            throw new IllegalArgumentException("annotation coordinates must be finite numbers");
        }
        text = text == null ? "" : text;
        author = author == null ? "" : author;
        created = created == null ? "" : created;
        if (colour == null || !COLOUR.matcher(colour).matches()) {
            throw new IllegalArgumentException("annotation colour must be #RRGGBB, got " + colour);
        }
    }

    public static Annotation rectangle(double x1, double y1, double x2, double y2, String text, String author,
                                       String created, String colour) {
        return new Annotation(Kind.RECTANGLE, x1, y1, x2, y2, text, author, created, colour);
    }

    public static Annotation arrow(double fromX, double fromY, double toX, double toY, String text, String author,
                                   String created, String colour) {
        return new Annotation(Kind.ARROW, fromX, fromY, toX, toY, text, author, created, colour);
    }

    public static Annotation note(double x, double y, String text, String author, String created, String colour) {
        return new Annotation(Kind.NOTE, x, y, x, y, text, author, created, colour);
    }

    /** The colour as 0xRRGGBB. */
    public int rgb() {
        return Integer.parseInt(colour.substring(1), 16);
    }
}
