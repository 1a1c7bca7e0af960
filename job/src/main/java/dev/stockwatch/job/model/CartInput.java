package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.CartEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderKey;

/**
 * An input of the customer's cart ladder: a cart event, an order, or the news that the cart saw
 * no activity and no order for the first {@code cart.steps} offset after {@code abandonedAfter}.
 */
public record CartInput(OrderKey key, String customerId, CartEvent cart, OrderEvent order, Long abandonedAfter)
        implements Sequenced {

    public static CartInput cart(OrderKey key, CartEvent e) {
        return new CartInput(key, e.customerId(), e, null, null);
    }

    public static CartInput order(OrderKey key, OrderEvent e) {
        return new CartInput(key, e.customerId(), null, e, null);
    }

    /** Step 1 fell due at {@code dueAt} for the activity at {@code lastActivityAt}. */
    public static CartInput abandoned(String customerId, long lastActivityAt, long dueAt) {
        return new CartInput(OrderKey.ofTimer(dueAt), customerId, null, null, lastActivityAt);
    }

    public boolean isActivity() {
        return cart != null;
    }

    public boolean interruptsInactivity() {
        return cart != null || order != null;
    }
}
