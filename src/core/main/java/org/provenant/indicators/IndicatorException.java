package org.provenant.indicators;

/** An indicator could not produce a result (missing model, image too small...); the message is for the user. */
public class IndicatorException extends Exception {
    public IndicatorException(String message) {
        super(message);
    }

    public IndicatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
