package org.provenant.core.io;

import java.nio.file.Path;
import org.provenant.core.image.FloatImage;

/** A decoded evidence file: its pixels, its identity (path, size, SHA-256 of the bytes) and its metadata. */
public record LoadedImage(Path path, long fileSize, String sha256, FloatImage image, ImageMetadata metadata) {
    public String fileName() {
        return path.getFileName().toString();
    }
}
