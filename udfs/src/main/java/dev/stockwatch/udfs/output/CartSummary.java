package dev.stockwatch.udfs.output;

/** The cart an abandoned-cart notification is about. */
public record CartSummary(String cartHash, double value, String currency) {}
