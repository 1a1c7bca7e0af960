package dev.stockwatch.udfs.output;

/**
 * One item of a notification; null fields are left out of the JSON. {@code inStore} is the quantity
 * available in the customer's home store (cart reminders, SPEC §7).
 */
public record Item(String sku, Integer quantity, String name, String url, Double price, String currency, Long inStore) {}
