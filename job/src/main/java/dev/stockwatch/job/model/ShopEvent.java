package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.CartEvent;
import dev.stockwatch.udfs.event.CatalogEvent;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import dev.stockwatch.udfs.event.InputEvent;
import dev.stockwatch.udfs.event.InterestEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderKey;
import dev.stockwatch.udfs.event.StockEvent;
import dev.stockwatch.udfs.event.Topic;
import dev.stockwatch.udfs.output.DeadLetter;

/**
 * One record read from an input: exactly one of the event fields is set, or {@code deadLetter}
 * when the record was rejected. {@code key} places the event in event-time order.
 */
public record ShopEvent(
        Topic topic,
        OrderKey key,
        CustomerProfile customer,
        EngagementEvent engagement,
        CatalogEvent catalog,
        StockEvent stock,
        OrderEvent order,
        InterestEvent interest,
        CartEvent cart,
        DeadLetter deadLetter) {

    public static ShopEvent of(Topic topic, InputEvent event, int partition, long offset) {
        OrderKey key = OrderKey.ofInput(topic, event.at(), partition, offset);
        return switch (topic) {
            case CUSTOMERS -> new ShopEvent(topic, key, (CustomerProfile) event, null, null, null, null, null, null, null);
            case ENGAGEMENT -> new ShopEvent(topic, key, null, (EngagementEvent) event, null, null, null, null, null, null);
            case CATALOG -> new ShopEvent(topic, key, null, null, (CatalogEvent) event, null, null, null, null, null);
            case STOCK -> new ShopEvent(topic, key, null, null, null, (StockEvent) event, null, null, null, null);
            case ORDERS -> new ShopEvent(topic, key, null, null, null, null, (OrderEvent) event, null, null, null);
            case INTEREST -> new ShopEvent(topic, key, null, null, null, null, null, (InterestEvent) event, null, null);
            case CART -> new ShopEvent(topic, key, null, null, null, null, null, null, (CartEvent) event, null);
        };
    }

    public static ShopEvent rejected(Topic topic, DeadLetter deadLetter) {
        return new ShopEvent(topic, null, null, null, null, null, null, null, null, deadLetter);
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }

    /** Event time, or {@link Long#MIN_VALUE} for a dead letter (it must not move event time). */
    public long at() {
        return key == null ? Long.MIN_VALUE : key.at();
    }
}
