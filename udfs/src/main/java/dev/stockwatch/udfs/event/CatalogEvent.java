package dev.stockwatch.udfs.event;

/** Product data for a sku (topic {@code catalog}, a changelog). Every field but sku and at may be null. */
public record CatalogEvent(String sku, String name, String url, Double price, String currency, long at) implements InputEvent {}
