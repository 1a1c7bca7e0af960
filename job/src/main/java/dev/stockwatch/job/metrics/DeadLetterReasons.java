package dev.stockwatch.job.metrics;

/** The kind of a dead-letter reason without the offending value, so metrics stay few. */
public final class DeadLetterReasons {
    private DeadLetterReasons() {}

    /** {@code stock.available must be >= 0, was -1} → {@code stock.available must be >= 0}. */
    public static String category(String reason) {
        String r = reason;
        int was = r.indexOf(", was ");
        if (was > 0) {
            r = r.substring(0, was);
        }
        int colon = r.indexOf(": ");
        if (colon > 0) {
            r = r.substring(0, colon);
        }
        return r.length() > 80 ? r.substring(0, 80) : r;
    }
}
