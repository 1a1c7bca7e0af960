package dev.stockwatch.job.model;

/** What the waiting list of a sku tells about one customer. */
public enum SignalType {
    /** The customer was released in a restock episode: a back_in_stock candidate. */
    RELEASED,
    /** A customer released in the current episode ordered the sku: the watch ends. */
    PURCHASED,
    /** The episode in which the customer was released ended: the sku sold out. */
    SOLD_OUT,
    /** The subscription was not released within interest.ttl. */
    EXPIRED
}
