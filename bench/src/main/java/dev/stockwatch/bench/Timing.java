package dev.stockwatch.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall-clock marks shared by the bench driver and the operators of an embedded MiniCluster (one
 * JVM): a run's clock starts when its first generated record is parsed, so job deployment does
 * not count against the events/s.
 */
final class Timing {
    private static final AtomicLong FIRST_RECORD = new AtomicLong();

    private Timing() {}

    static void reset() {
        FIRST_RECORD.set(0);
    }

    static void recordSeen() {
        if (FIRST_RECORD.get() == 0) {
            FIRST_RECORD.compareAndSet(0, System.nanoTime());
        }
    }

    /** Nanos of the first record of the run, or {@code fallback} when none was seen. */
    static long firstRecord(long fallback) {
        long t = FIRST_RECORD.get();
        return t == 0 ? fallback : t;
    }
}
