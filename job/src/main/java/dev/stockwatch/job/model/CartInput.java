package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.CartEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderKey;

/** An input of the customer's cart ladder: a cart event or an order. */
public record CartInput(OrderKey key, String customerId, CartEvent cart, OrderEvent order) implements Sequenced {

    public static CartInput cart(OrderKey key, CartEvent e) {
        return new CartInput(key, e.customerId(), e, null);
    }

    public static CartInput order(OrderKey key, OrderEvent e) {
        return new CartInput(key, e.customerId(), null, e);
    }
}
