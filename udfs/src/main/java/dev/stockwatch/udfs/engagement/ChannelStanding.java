package dev.stockwatch.udfs.engagement;

/** A channel's status and the address it is about, as the {@code engagement} record shows them. */
public record ChannelStanding(ChannelStatus status, String address) {}
