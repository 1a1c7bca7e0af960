package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.OrderKey;

/** Something applied in event-time order by a keyed operator. */
public interface Sequenced {
    OrderKey key();

    /** Orders inputs with the same key deterministically (several things one event caused). */
    default String tieBreak() {
        return "";
    }
}
