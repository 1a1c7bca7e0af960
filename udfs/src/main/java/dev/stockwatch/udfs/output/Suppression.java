package dev.stockwatch.udfs.output;

import java.util.List;

/** A decision not to send, with its reason, for analysts (topic {@code notify.suppressed}). */
public record Suppression(
        String notificationId,
        Kind kind,
        String customerId,
        Reason reason,
        List<String> skus,
        Integer step,
        long eventTime,
        long triggeredAt) {}
