package dev.stockwatch.job.conversion;

import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.output.SentNotification;

/** A match of the conversion pattern: an order with a sku the notification listed, within the window. */
public record Touch(String customerId, SentNotification sent, OrderEvent order) {}
