package dev.stockwatch.job.graph;

import dev.stockwatch.udfs.event.Topic;

/**
 * Names of the per-input record counts (Flink accumulators, and metrics live): every record read
 * is processed, dead-lettered, or (replay) after {@code --until}.
 */
public final class Accounting {
    public static final String READ = "read";
    public static final String PROCESSED = "processed";
    public static final String DEAD_LETTERED = "dead-lettered";
    public static final String AFTER_UNTIL = "after-until";

    private Accounting() {}

    public static String counter(String what, Topic topic) {
        return "records." + what + "." + topic.defaultName();
    }
}
