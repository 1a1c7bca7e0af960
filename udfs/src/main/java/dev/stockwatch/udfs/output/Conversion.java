package dev.stockwatch.udfs.output;

import java.util.List;

/**
 * An order attributed to a sent notification (SPEC §13): one per (order, notification), with the
 * skus of the order attributed to that notification and their revenue. {@code step} is set for
 * cart reminders only; {@code eventTime} is the order's {@code at}.
 */
public record Conversion(
        String orderId,
        String customerId,
        String notificationId,
        Kind kind,
        Integer step,
        String channel,
        List<String> skus,
        double revenue,
        long notifiedAt,
        long eventTime) {}
