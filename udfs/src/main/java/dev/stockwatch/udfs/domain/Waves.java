package dev.stockwatch.udfs.domain;

/** Stock-aware waves of a restock episode (SPEC §4). */
public final class Waves {
    private Waves() {}

    /**
     * How many waiting subscribers one wave releases: {@code ceil(qty * perUnit)}, or everyone when
     * {@code perUnit} is 0. The product is taken as exact where floating point is off by a rounding
     * error ({@code 10 * 0.3} is 3, not 4), and a positive product is at least 1, however small.
     */
    public static long waveSize(long qty, double perUnit, long waiting) {
        if (perUnit == 0) {
            return waiting;
        }
        double product = qty * perUnit;
        double size = product > 0 ? Math.max(1, Math.ceil(product - 1e-9)) : 0;
        return (long) Math.min(waiting, size);
    }
}
