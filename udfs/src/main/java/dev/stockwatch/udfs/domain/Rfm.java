package dev.stockwatch.udfs.domain;

/**
 * Recency, frequency and monetary value of a customer at a decision time t (SPEC §8): F = orders
 * with {@code at} in (t − 365 d, t], R = whole days since the latest of them, M = their total.
 */
public record Rfm(long recencyDays, int frequency, double monetary) {
    public static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;
    private static final long DAY_MILLIS = 24L * 3600 * 1000;

    /** Builds the RFM at time {@code t} from order times and values (any order, any age). */
    public static Rfm at(long t, long[] orderTimes, double[] orderValues) {
        int f = 0;
        double m = 0;
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < orderTimes.length; i++) {
            long at = orderTimes[i];
            if (at > t - YEAR_MILLIS && at <= t) {
                f++;
                m += orderValues[i];
                latest = Math.max(latest, at);
            }
        }
        return new Rfm(f == 0 ? Long.MAX_VALUE : Math.floorDiv(t - latest, DAY_MILLIS), f, m);
    }
}
