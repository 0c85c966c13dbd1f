package org.provenant.indicators.file.c2pa;

/** A manifest store, box or CBOR block that is malformed, truncated or beyond the reader's bounds; says what in words. */
public final class JumbfException extends Exception {
    public JumbfException(String message) {
        super(message);
    }
}
