package dev.stockwatch.job.conversion;

import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.output.SentNotification;

/**
 * An input of the conversion pattern of one customer: a notification that was sent, or an order.
 * Exactly one of {@code sent} and {@code order} is set; {@code at} is its event time.
 */
public record ConversionEvent(String customerId, long at, SentNotification sent, OrderEvent order) {

    public static ConversionEvent sent(SentNotification s) {
        return new ConversionEvent(s.customerId(), s.sentAt(), s, null);
    }

    public static ConversionEvent order(OrderEvent o) {
        return new ConversionEvent(o.customerId(), o.at(), null, o);
    }

    /** Orders before notifications at the same instant (an order never converts a notification of its own instant), then by id. */
    String tieBreak() {
        return order != null ? "0" + order.orderId() : "1" + sent.notificationId();
    }
}
