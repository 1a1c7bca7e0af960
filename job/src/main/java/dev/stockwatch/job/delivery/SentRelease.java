package dev.stockwatch.job.delivery;

/**
 * A release a customer was told about in a sent back_in_stock: the sku and the start of its
 * restock episode. {@link #key()} is its key in {@code sent-releases}; {@link #watchRef} the ref of
 * the timer that ends one of its watches.
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

    /**
     * The ref of the timer that ends the {@code n}-th watch of this release: one timer per send,
     * even for two sends at the same instant (timers with the same due time and ref are one).
     */
    String watchRef(long n) {
        return key() + '#' + n;
    }

    /**
     * The release of a {@link #watchRef}: '#' and the watch's number follow the episode start. A
     * ref without them (timers in a savepoint of a version before one timer per send) is the key.
     */
    static SentRelease ofWatchRef(String ref) {
        int hash = ref.indexOf('#', ref.lastIndexOf('|'));
        return parse(hash < 0 ? ref : ref.substring(0, hash));
    }
}
