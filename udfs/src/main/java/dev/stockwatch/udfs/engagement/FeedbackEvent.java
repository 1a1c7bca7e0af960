package dev.stockwatch.udfs.engagement;

import dev.stockwatch.udfs.domain.Channel;

/**
 * One validated record of the senders' {@code feedback} topic (SPEC §14).
 *
 * @param hardBounce for {@link FeedbackKind#BOUNCED}: true for {@code bounceType: hard}, false
 *     for {@code soft}; false for every other kind
 * @param address the address the message went to
 * @param at event time in epoch milliseconds
 */
public record FeedbackEvent(
        String notificationId,
        String customerId,
        Channel channel,
        FeedbackKind kind,
        boolean hardBounce,
        String address,
        long at) {}
