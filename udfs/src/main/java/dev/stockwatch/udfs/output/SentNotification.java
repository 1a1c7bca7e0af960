package dev.stockwatch.udfs.output;

import java.util.List;

/**
 * What attribution (SPEC §13) needs of a notification that was sent: its id, kind, cart step,
 * channel, the skus it listed and its {@code eventTime}: the notification the senders received.
 */
public record SentNotification(
        String notificationId, String customerId, Kind kind, Integer step, String channel, List<String> skus, long sentAt) {

    public static SentNotification of(Notification n) {
        return new SentNotification(n.notificationId(), n.customerId(), n.kind(), n.step(), n.channel(),
                n.items().stream().map(Item::sku).toList(), n.eventTime());
    }

    public boolean lists(String sku) {
        return skus.contains(sku);
    }
}
