package dev.stockwatch.job.delivery;

/** When a customer ordered and for how much: what RFM needs of an order. */
public record OrderStamp(long at, double value) {}
