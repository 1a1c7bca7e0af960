package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.InterestEvent;
import dev.stockwatch.udfs.event.OrderKey;
import dev.stockwatch.udfs.event.StockEvent;

/**
 * An input of the sku-keyed waiting list: a stock level, an interest event, or a purchase of the
 * sku by {@code purchaserId}. Exactly one of them is set.
 */
public record SkuInput(OrderKey key, String sku, StockEvent stock, InterestEvent interest, String purchaserId)
        implements Sequenced {

    public static SkuInput stock(OrderKey key, StockEvent e) {
        return new SkuInput(key, e.sku(), e, null, null);
    }

    public static SkuInput interest(OrderKey key, InterestEvent e) {
        return new SkuInput(key, e.sku(), null, e, null);
    }

    public static SkuInput purchase(OrderKey key, String sku, String customerId) {
        return new SkuInput(key, sku, null, null, customerId);
    }
}
