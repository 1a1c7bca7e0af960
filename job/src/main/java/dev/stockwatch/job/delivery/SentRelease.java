package dev.stockwatch.job.delivery;

/**
 * A release a customer was told about in a sent back_in_stock: the sku and the start of its
 * restock episode. {@link #key()} is its key in {@code sent-releases} and the ref of the timer that
 * ends its watch.
 */
record SentRelease(String sku, long episodeStart) {
    /** The episode start is a number, so the last '|' separates it from a sku that may hold one. */
    String key() {
        return sku + '|' + episodeStart;
    }

    static SentRelease parse(String key) {
        int bar = key.lastIndexOf('|');
        return new SentRelease(key.substring(0, bar), Long.parseLong(key.substring(bar + 1)));
    }
}
