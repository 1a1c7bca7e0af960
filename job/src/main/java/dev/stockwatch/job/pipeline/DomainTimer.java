package dev.stockwatch.job.pipeline;

import java.util.Comparator;

/**
 * A timer of a keyed operator's domain (a wave, an expiry, a batch decision, a ladder step): what
 * it is ({@code kind}, operator-specific, lower kinds fire first at the same instant) and what it
 * refers to ({@code ref}, e.g. a customer id).
 */
public record DomainTimer(int kind, String ref) {
    static final Comparator<DomainTimer> FIRING_ORDER =
            Comparator.comparingInt(DomainTimer::kind).thenComparing(DomainTimer::ref);
}
