package org.provenant.core.command;

/** Wrong arguments: the message is printed with the command's usage and the exit code is 2. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
