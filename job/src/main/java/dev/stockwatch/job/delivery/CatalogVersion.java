package dev.stockwatch.job.delivery;

import dev.stockwatch.udfs.event.CatalogEvent;
import dev.stockwatch.udfs.event.OrderKey;

/** One version of a sku's catalog entry and where it stands in event-time order. */
public record CatalogVersion(OrderKey key, CatalogEvent entry) {}
