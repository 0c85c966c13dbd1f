package org.provenant.core.io;

import java.nio.file.Path;
import org.provenant.core.image.FloatImage;

/**
 * A decoded evidence file: its pixels, its identity (path, size, SHA-256 of the bytes), its metadata and the
 * bytes themselves ({@link #evidence()}), for the indicators that read the file rather than the pixels.
 */
public record LoadedImage(Path path, long fileSize, String sha256, FloatImage image, ImageMetadata metadata,
                          Evidence evidence) {
    public String fileName() {
        return path.getFileName().toString();
    }
}
