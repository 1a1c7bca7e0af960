package dev.stockwatch.job.model;

/** What the catalog knows of a sku when it is released; every field but sku may be null. */
public record ItemInfo(String sku, String name, String url, Double price, String currency) {}
