package org.provenant.indicators.jpeg.jpegstructure;

/** The entropy-coded data cannot be decoded further; the message says why in plain words. */
final class JpegDecodeException extends RuntimeException {
    JpegDecodeException(String message) {
        super(message);
    }
}
