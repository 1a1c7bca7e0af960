package dev.stockwatch.udfs.event;

/** A customer starts or stops waiting for a sku (topic {@code interest}). */
public record InterestEvent(boolean subscribe, String customerId, String sku, long at) implements InputEvent {}
