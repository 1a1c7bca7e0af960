package dev.stockwatch.udfs.event;

import java.util.Comparator;

/**
 * Where an event stands in event-time order: its instant, the rank of its topic among events of
 * the same instant (SPEC §9), then its input order (line number in replay, partition and offset
 * live). Things derived from an event carry the key of that event, so that every keyed operator
 * applies them in the order of their cause.
 *
 * <p>"Order" here is event-time order, not a purchase order. The class name stays: keys are inside
 * the inputs that operators buffer in state (the sequencers, CEP), Flink writes a state type's
 * class name into every savepoint, and a renamed class would make every earlier savepoint
 * impossible to restore.
 *
 * @param at event time, epoch milliseconds
 * @param rank topic rank ({@link Topic#rank()}), or {@link #TIMER_RANK} for things caused by a
 *     timer
 * @param seq input order within the topic
 */
public record OrderKey(long at, int rank, long seq) implements Comparable<OrderKey> {

    /** Rank of things caused by timers: after every event of the same instant. */
    public static final int TIMER_RANK = 100;

    private static final Comparator<OrderKey> ORDER =
            Comparator.comparingLong(OrderKey::at)
                    .thenComparingInt(OrderKey::rank)
                    .thenComparingLong(OrderKey::seq);

    public static OrderKey ofInput(Topic topic, long at, int partition, long offset) {
        return new OrderKey(at, topic.rank(), ((long) partition << 40) | offset);
    }

    public static OrderKey ofTimer(long due) {
        return new OrderKey(due, TIMER_RANK, 0L);
    }

    @Override
    public int compareTo(OrderKey other) {
        return ORDER.compare(this, other);
    }
}
