package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.OrderKey;
import java.util.Comparator;

/** Something applied in event-time order by a keyed operator. */
public interface Sequenced {
    /**
     * The event-time order of everything a keyed operator applies (SPEC §9): the {@link OrderKey}
     * of its cause (instant, topic rank, input order), then the tie-break among things one event
     * caused. Every operator and CEP pattern of the job orders by this one definition.
     */
    Comparator<Sequenced> ORDER = Comparator.comparing(Sequenced::key).thenComparing(Sequenced::tieBreak);

    OrderKey key();

    /** Orders inputs with the same key deterministically (several things one event caused). */
    default String tieBreak() {
        return "";
    }
}
