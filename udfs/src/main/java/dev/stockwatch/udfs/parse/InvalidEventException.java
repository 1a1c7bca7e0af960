package dev.stockwatch.udfs.parse;

/** An input record that breaks a SPEC §2 rule; the message is the dead-letter reason. */
public final class InvalidEventException extends Exception {
    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }
}
