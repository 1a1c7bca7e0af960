package dev.stockwatch.udfs.domain;

import java.util.List;

/** At most {@code max} notifications per customer in any rolling window (SPEC §7). */
public final class FrequencyCap {
    private FrequencyCap() {}

    /** Whether a notification at {@code t} may go out: fewer than {@code max} were emitted in (t − window, t]. */
    public static boolean allows(List<Long> emittedAt, long t, int max, long windowMillis) {
        int inWindow = 0;
        for (long e : emittedAt) {
            if (e > t - windowMillis && e <= t) {
                inWindow++;
            }
        }
        return inWindow < max;
    }

    /** The emission times still able to count for any decision at or after {@code now}. */
    public static List<Long> prune(List<Long> emittedAt, long now, long windowMillis) {
        return emittedAt.stream().filter(e -> e > now - windowMillis).toList();
    }
}
