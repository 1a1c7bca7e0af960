package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.OrderKey;

/**
 * A fact about one (customer, sku) from the sku's waiting list. {@code key} is the order key of the
 * event or timer that caused it; {@code at} is its event time; {@code releasedAt} is the release
 * time the signal refers to (RELEASED, PURCHASED, SOLD_OUT).
 */
public record SkuSignal(
        OrderKey key,
        SignalType type,
        String customerId,
        String sku,
        long episodeStart,
        long releasedAt)
        implements Sequenced {

    @Override
    public String tieBreak() {
        return type.ordinal() + customerId;
    }

    public long at() {
        return key.at();
    }

    /** Key of the sold-out-again pattern: one per (customer, sku). */
    public String watchKey() {
        return customerId + '\u0000' + sku;
    }
}
