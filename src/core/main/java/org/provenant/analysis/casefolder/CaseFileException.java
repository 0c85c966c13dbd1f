package org.provenant.analysis.casefolder;

import java.nio.file.Path;

/** A case file cannot be read or written; the message names the file and the reason, for the user. */
public class CaseFileException extends Exception {
    public CaseFileException(Path file, String reason) {
        this(file, reason, null);
    }

    public CaseFileException(Path file, String reason, Throwable cause) {
        super("Case file " + (file == null ? "" : file.getFileName()) + ": " + reason, cause);
    }
}
