package dev.stockwatch.job.restock;

/** A customer released in the current restock episode, remembered until it ends or they buy. */
public record Release(long releasedAt, long placeAt) {}
