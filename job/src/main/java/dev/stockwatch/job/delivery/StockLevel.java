package dev.stockwatch.job.delivery;

import dev.stockwatch.udfs.event.OrderKey;

/** One reported stock level of a sku at a location and where it stands in event-time order. */
public record StockLevel(OrderKey key, long available) {}
