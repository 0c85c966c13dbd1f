package org.provenant.core.io;

import java.util.Map;

/**
 * What the evidence file says about itself, kept for the report.
 *
 * @param formatName    decoder format name, e.g. "png", "jpeg", "tiff"
 * @param bitsPerSample bits per colour sample as stored (8 or 16 typically)
 * @param channels      colour channels as stored (alpha not counted)
 * @param hasAlpha      whether the file had an alpha channel (dropped for analysis)
 * @param iccProfile    short description of the embedded ICC profile (description tag, class, colour space, version,
 *                      size), e.g. "sRGB IEC61966-2.1 (display profile, RGB, ICC v2.1, 3144 bytes)", or null when none
 * @param exif          selected EXIF/TIFF tags as text (Make, Model, Software, DateTime, DateTimeOriginal, Orientation,
 *                      LensModel, ...; "GPS" when location tags exist), PNG text chunks as "PNG text KEYWORD", a JPEG
 *                      comment as "Comment" and non-fatal decoder warnings as "Decoder warnings"; possibly empty
 */
public record ImageMetadata(String formatName, int width, int height, int bitsPerSample, int channels,
                            boolean hasAlpha, String iccProfile, Map<String, String> exif) {
    public ImageMetadata {
        exif = Map.copyOf(exif);
    }
}
