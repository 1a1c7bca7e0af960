package dev.stockwatch.udfs.event;

import java.util.Locale;

/**
 * The input topics. The declaration order is the order in which events stamped with the same
 * instant are applied (SPEC §9): customers, catalog, stock, orders, interest, cart.
 */
public enum Topic {
    CUSTOMERS,
    ENGAGEMENT,
    CATALOG,
    STOCK,
    ORDERS,
    INTEREST,
    CART;

    /** The default topic name, also the replay file name without {@code .jsonl}. */
    public String defaultName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Rank of this topic among events of the same instant. */
    public int rank() {
        return ordinal();
    }
}
