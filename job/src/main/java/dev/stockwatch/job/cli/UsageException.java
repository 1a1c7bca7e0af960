package dev.stockwatch.job.cli;

/** A command-line mistake; printed as one line with a hint to --help, never as a stack trace. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
