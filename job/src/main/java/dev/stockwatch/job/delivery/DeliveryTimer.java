package dev.stockwatch.job.delivery;

import dev.stockwatch.job.pipeline.DomainTimer;

/**
 * The timers of the delivery operator, one per part that owns them. Their order is the order in
 * which timers due at the same instant fire: decisions first.
 */
enum DeliveryTimer {
    /** A batch decision or the release of a held notification ({@link DecisionRef} refs). */
    DECISION,
    /** A sent release's watch ends ({@link SentReleaseWatch}). */
    FORGET_SENT_RELEASE,
    /** Orders older than a year leave the RFM history ({@link OrderHistory}). */
    FORGET_OLD_ORDERS,
    /** Emissions leave the frequency cap's window ({@link EmissionLedger}). */
    FORGET_OLD_EMISSIONS,
    /** Notification ids older than {@code dedupe.retention} are forgotten ({@link EmissionLedger}). */
    FORGET_OLD_IDS,
    /** A champion's excluded ladder is over ({@link LadderExclusion}). */
    FORGET_EXCLUSION;

    private static final DeliveryTimer[] ALL = values();

    DomainTimer at(String ref) {
        return new DomainTimer(ordinal(), ref);
    }

    static DeliveryTimer of(DomainTimer timer) {
        return ALL[timer.kind()];
    }
}
