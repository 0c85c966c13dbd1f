package org.provenant.ml;

/** A model is missing, tampered with or unusable; the message is for the user. */
public class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
