package dev.stockwatch.udfs.output;

/** An incentive bound to one cart's contents by its hash, valid until {@code expiresAt}. */
public record IncentiveOffer(int percentOff, boolean freeShipping, String code, String cartHash, long expiresAt) {}
