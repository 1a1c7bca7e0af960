package dev.stockwatch.udfs.event;

/**
 * A customer's delivery engagement (topic {@code engagement}, a changelog written by the
 * engagement function: the latest record per customer wins). A channel the record does not name
 * is null; {@code preferredHour} (0–23, UTC) is null when there is none.
 */
public record EngagementEvent(
        String customerId,
        ChannelEngagement email,
        ChannelEngagement sms,
        ChannelEngagement push,
        ChannelEngagement viber,
        ChannelEngagement whatsapp,
        Integer preferredHour,
        long at) implements InputEvent {}
