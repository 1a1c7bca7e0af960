package dev.stockwatch.udfs.domain;

import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.output.Conversion;
import dev.stockwatch.udfs.output.SentNotification;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Last-touch attribution of an order to sent notifications (SPEC §13). A notification touches an
 * ordered sku when it listed the sku and the order's {@code at} lies in (its {@code eventTime},
 * {@code eventTime + attribution.window}]. Each ordered sku goes to the latest notification that
 * touches it (ties: the smaller notificationId); each notification that got skus makes one
 * conversion with the revenue (quantity × unit price) of the order lines of those skus.
 */
public final class Attribution {
    /** Latest first; at the same instant the smaller id first. */
    private static final Comparator<SentNotification> LAST_TOUCH_FIRST =
            Comparator.comparingLong(SentNotification::sentAt).reversed().thenComparing(SentNotification::notificationId);

    private Attribution() {}

    /** Whether the order falls in the notification's attribution window. */
    public static boolean inWindow(SentNotification sent, long orderAt, long windowMillis) {
        return orderAt > sent.sentAt() && orderAt - sent.sentAt() <= windowMillis;
    }

    /** Whether the order is a conversion of the notification: a listed sku, in the window. */
    public static boolean touches(SentNotification sent, OrderEvent order, long windowMillis) {
        if (!inWindow(sent, order.at(), windowMillis)) {
            return false;
        }
        for (OrderItem item : order.items()) {
            if (sent.lists(item.sku())) {
                return true;
            }
        }
        return false;
    }

    /** The conversions of one order among the customer's sent notifications, by notificationId. */
    public static List<Conversion> attribute(OrderEvent order, List<SentNotification> sent, long windowMillis) {
        List<SentNotification> candidates = new ArrayList<>();
        for (SentNotification s : sent) {
            if (inWindow(s, order.at(), windowMillis)) {
                candidates.add(s);
            }
        }
        candidates.sort(LAST_TOUCH_FIRST);
        Map<String, SentNotification> byId = new TreeMap<>();
        Map<String, TreeSet<String>> skus = new TreeMap<>();
        Map<String, Double> revenue = new TreeMap<>();
        for (OrderItem item : order.items()) {
            SentNotification touch = lastTouch(candidates, item.sku());
            if (touch != null) {
                byId.put(touch.notificationId(), touch);
                skus.computeIfAbsent(touch.notificationId(), id -> new TreeSet<>()).add(item.sku());
                revenue.merge(touch.notificationId(), item.value(), Double::sum);
            }
        }
        List<Conversion> out = new ArrayList<>(byId.size());
        for (SentNotification s : byId.values()) {
            String id = s.notificationId();
            out.add(new Conversion(order.orderId(), order.customerId(), id, s.kind(), s.step(), s.channel(),
                    List.copyOf(skus.get(id)), revenue.get(id), s.sentAt(), order.at()));
        }
        return out;
    }

    private static SentNotification lastTouch(List<SentNotification> latestFirst, String sku) {
        for (SentNotification s : latestFirst) {
            if (s.lists(sku)) {
                return s;
            }
        }
        return null;
    }
}
