package dev.stockwatch.job.pipeline;

import java.util.Comparator;

/**
 * A timer of a keyed operator's domain (a wave, an expiry, a batch decision, a ladder step): what
 * it is ({@code kind}, operator-specific, lower kinds fire first at the same instant) and what it
 * refers to ({@code ref}, e.g. a customer id).
 */
public record DomainTimer(int kind, String ref) {
    /** What a function that keeps its timers in its own state is handed when one is due. */
    public static final DomainTimer OWN = new DomainTimer(Integer.MIN_VALUE, "");

    static final Comparator<DomainTimer> FIRING_ORDER =
            Comparator.comparingInt(DomainTimer::kind).thenComparing(DomainTimer::ref);
}
