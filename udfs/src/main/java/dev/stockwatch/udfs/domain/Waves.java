package dev.stockwatch.udfs.domain;

/** Stock-aware waves of a restock episode (SPEC §4). */
public final class Waves {
    private Waves() {}

    /**
     * How many waiting subscribers one wave releases: {@code ceil(qty * perUnit)}, or everyone when
     * {@code perUnit} is 0.
     */
    public static long waveSize(long qty, double perUnit, long waiting) {
        if (perUnit == 0) {
            return waiting;
        }
        double size = Math.ceil(qty * perUnit - 1e-9);
        return (long) Math.min(waiting, Math.max(0, size));
    }
}
