package org.provenant.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Temporary files for write-then-move saves, created with the folder's normal permissions (not 0600). */
public final class TempFiles {
    private TempFiles() { }

    /** A new empty hidden file in the same folder as {@code target}, to be moved onto it. */
    public static Path besides(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        for (int i = 0; i < 100; i++) {
            Path p = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                // try another name
            }
        }
        throw new IOException("cannot create a temporary file beside " + abs);
    }
}
