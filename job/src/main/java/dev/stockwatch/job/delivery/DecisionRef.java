package dev.stockwatch.job.delivery;

/**
 * What a decision timer of the delivery stands for: the batch opened at {@code createdAt}, or the
 * {@code holdNumber}-th notification held at {@code createdAt}. Its {@link #ref()} (the timer's
 * ref, and the key of a held notification) sorts in the order the timers were created: the
 * creation instant, then the batch before the holds, then the order of holds at that instant.
 * Timers due at the same instant fire in ref order.
 *
 * @param holdNumber the hold's number among those held at {@code createdAt}; {@link #BATCH} for the batch
 */
record DecisionRef(long createdAt, int holdNumber, String notificationId) {
    static final int BATCH = -1;
    private static final int INSTANT_DIGITS = 19;
    private static final char BATCH_MARK = 'b';
    private static final char HOLD_MARK = 'h';

    static DecisionRef batch(long openedAt) {
        return new DecisionRef(openedAt, BATCH, null);
    }

    static DecisionRef hold(long heldAt, int n, String notificationId) {
        return new DecisionRef(heldAt, n, notificationId);
    }

    boolean isBatch() {
        return holdNumber == BATCH;
    }

    /** Fixed-width digits, so that text order is creation order; the id keeps refs apart and readable. */
    String ref() {
        String instant = zeroPadded(createdAt, INSTANT_DIGITS);
        return isBatch() ? instant + BATCH_MARK : instant + HOLD_MARK + zeroPadded(holdNumber, 6) + "/" + notificationId;
    }

    /** The text of {@code String.format("%0<width>d", value)}, without the cost of a formatter. */
    static String zeroPadded(long value, int width) {
        String text = Long.toString(value);
        String sign = value < 0 ? "-" : "";
        String digits = text.substring(sign.length());
        int zeros = width - sign.length() - digits.length();
        return zeros > 0 ? sign + "0".repeat(zeros) + digits : sign + digits;
    }

    static DecisionRef parse(String ref) {
        long createdAt = Long.parseLong(ref.substring(0, INSTANT_DIGITS));
        if (ref.charAt(INSTANT_DIGITS) == BATCH_MARK) {
            return batch(createdAt);
        }
        int slash = ref.indexOf('/', INSTANT_DIGITS);
        return hold(createdAt, Integer.parseInt(ref.substring(INSTANT_DIGITS + 1, slash)), ref.substring(slash + 1));
    }
}
