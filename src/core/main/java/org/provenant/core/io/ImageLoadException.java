package org.provenant.core.io;

import java.nio.file.Path;

/**
 * The one error a user sees when an evidence file cannot be opened: it names the file and the reason in plain
 * words ({@link PlainText}: no control characters or raw bytes). The cause, if any, is kept for logs, never shown
 * as a stack trace.
 */
public class ImageLoadException extends Exception {
    private final transient Path file;
    private final String reason;

    public ImageLoadException(Path file, String reason) {
        this(file, reason, null);
    }

    public ImageLoadException(Path file, String reason, Throwable cause) {
        super("Cannot open " + (file == null ? "image" : PlainText.of(String.valueOf(file.getFileName()))) + ": "
                + PlainText.of(reason), cause);
        this.file = file;
        this.reason = PlainText.of(reason);
    }

    public Path file() { return file; }
    public String reason() { return reason; }
}
