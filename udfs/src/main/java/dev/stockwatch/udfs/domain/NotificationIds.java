package dev.stockwatch.udfs.domain;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Deterministic notification ids (SPEC §3): the same decision gets the same id on every replay and
 * after every failover, so senders can dedupe on it. Ids of customers and skus are free text (SPEC
 * §2), so the separators of the hashed text ({@code |} between parts, {@code ,} between skus) are
 * escaped in them: skus {@code A} and {@code B} and the one sku {@code "A,B"} get different ids. An
 * id without {@code \}, {@code |} or {@code ,} is hashed as it is.
 */
public final class NotificationIds {
    private NotificationIds() {}

    /** From the customer, the restock episode start and the sorted skus. */
    public static String backInStock(String customerId, long episodeStart, List<String> skus) {
        return "bis-" + Hashing.digest(32, "back_in_stock", text(customerId), episodeStart,
                new TreeSet<>(skus).stream().map(NotificationIds::text).collect(Collectors.joining(",")));
    }

    /** From the customer, the sku and the restock episode start. */
    public static String soldOutAgain(String customerId, String sku, long episodeStart) {
        return "soa-" + Hashing.digest(32, "sold_out_again", text(customerId), text(sku), episodeStart);
    }

    /** From the customer, the cart hash and the step. */
    public static String abandonedCart(String customerId, String cartHash, int step) {
        return "cart-" + Hashing.digest(32, "abandoned_cart", text(customerId), cartHash, step);
    }

    /** The incentive code of a cart step, derived from customer, cart hash and step. */
    public static String incentiveCode(String customerId, String cartHash, int step) {
        return "SW-" + Hashing.digest(10, "incentive", text(customerId), cartHash, step).toUpperCase(java.util.Locale.ROOT);
    }

    /** An id as a part of the hashed text: {@code \}, {@code |} and {@code ,} escaped with {@code \}. */
    static String text(String id) {
        if (id.indexOf('\\') < 0 && id.indexOf('|') < 0 && id.indexOf(',') < 0) {
            return id;
        }
        StringBuilder sb = new StringBuilder(id.length() + 4);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\\' || c == '|' || c == ',') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
