package dev.stockwatch.udfs.event;

/** The absolute sellable quantity of a sku at one location (topic {@code stock}). */
public record StockEvent(String sku, String location, long available, long at) implements InputEvent {}
