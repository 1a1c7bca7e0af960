package dev.stockwatch.udfs.output;

import java.util.List;

/**
 * A notification for one channel's sender (SPEC §3). Fields that do not apply to the kind are null
 * and left out of the JSON.
 */
public record Notification(
        String notificationId,
        Kind kind,
        String customerId,
        String channel,
        String address,
        String locale,
        List<Item> items,
        Integer step,
        CartSummary cart,
        IncentiveOffer incentive,
        String segment,
        String resubscribeLink,
        long eventTime,
        long triggeredAt) {}
