package dev.stockwatch.udfs.output;

/** One item of a notification; null fields are left out of the JSON. */
public record Item(String sku, Integer quantity, String name, String url, Double price, String currency) {}
