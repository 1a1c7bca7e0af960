package dev.stockwatch.job.model;

import dev.stockwatch.udfs.event.OrderKey;

/** A customer released for a sku did not buy it before the episode ended within soldout.window. */
public record SoldOutAgainCandidate(
        OrderKey key, String customerId, String sku, long episodeStart, long releasedAt) {}
