package dev.stockwatch.job.restock;

/** A place on a sku's waiting list: ordered by {@code placeAt}, then customer id; leaves at {@code expiresAt}. */
public record Waiter(long placeAt, long expiresAt) {}
