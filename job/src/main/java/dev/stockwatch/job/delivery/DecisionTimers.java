package dev.stockwatch.job.delivery;

/**
 * Refs of the delivery's decision timers (a batch decision, a held notification's release). They
 * sort in the order the timers were created: the creation instant, then batch before hold, then
 * the order of holds at that instant. Timers due at the same instant fire in ref order.
 */
final class DecisionTimers {
    private static final String BATCH = "b";
    private static final String HOLD = "h";

    private DecisionTimers() {}

    /** The batch opened at {@code openedAt}. */
    static String batch(long openedAt) {
        return instant(openedAt) + BATCH;
    }

    /** The {@code n}-th notification held at {@code heldAt}; the id keeps refs apart and readable. */
    static String hold(long heldAt, int n, String notificationId) {
        return instant(heldAt) + HOLD + String.format("%06d", n) + "/" + notificationId;
    }

    static boolean isBatch(String ref) {
        return ref.endsWith(BATCH) && ref.length() == 20;
    }

    static long createdAt(String ref) {
        return Long.parseLong(ref.substring(0, 19));
    }

    private static String instant(long at) {
        return String.format("%019d", at);
    }
}
