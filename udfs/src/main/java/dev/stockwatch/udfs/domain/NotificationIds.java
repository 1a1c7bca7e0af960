package dev.stockwatch.udfs.domain;

import java.util.List;
import java.util.TreeSet;

/**
 * Deterministic notification ids (SPEC §3): the same decision gets the same id on every replay and
 * after every failover, so senders can dedupe on it.
 */
public final class NotificationIds {
    private NotificationIds() {}

    /** From the customer, the restock episode start and the sorted skus. */
    public static String backInStock(String customerId, long episodeStart, List<String> skus) {
        return "bis-" + Hashing.digest(32, "back_in_stock", customerId, episodeStart, String.join(",", new TreeSet<>(skus)));
    }

    /** From the customer, the sku and the restock episode start. */
    public static String soldOutAgain(String customerId, String sku, long episodeStart) {
        return "soa-" + Hashing.digest(32, "sold_out_again", customerId, sku, episodeStart);
    }

    /** From the customer, the cart hash and the step. */
    public static String abandonedCart(String customerId, String cartHash, int step) {
        return "cart-" + Hashing.digest(32, "abandoned_cart", customerId, cartHash, step);
    }

    /** The incentive code of a cart step, derived from customer, cart hash and step. */
    public static String incentiveCode(String customerId, String cartHash, int step) {
        return "SW-" + Hashing.digest(10, "incentive", customerId, cartHash, step).toUpperCase(java.util.Locale.ROOT);
    }
}
