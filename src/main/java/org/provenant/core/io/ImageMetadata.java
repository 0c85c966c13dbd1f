package org.provenant.core.io;

import java.util.Map;

/**
 * What the evidence file says about itself, kept for the report.
 *
 * @param formatName    decoder format name, e.g. "png", "jpeg", "tiff"
 * @param bitsPerSample bits per colour sample as stored (8 or 16 typically)
 * @param channels      colour channels as stored (alpha not counted)
 * @param hasAlpha      whether the file had an alpha channel (dropped for analysis)
 * @param iccProfile    short description of the embedded ICC profile, or null when there is none
 * @param exif          selected EXIF/TIFF tags as text (make, model, software, date...), possibly empty
 */
public record ImageMetadata(String formatName, int width, int height, int bitsPerSample, int channels,
                            boolean hasAlpha, String iccProfile, Map<String, String> exif) {
    public ImageMetadata {
        exif = Map.copyOf(exif);
    }
}
