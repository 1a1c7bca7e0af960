package dev.stockwatch.job;

import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.model.SignalType;
import dev.stockwatch.job.model.SkuInput;
import dev.stockwatch.job.model.SkuSignal;
import dev.stockwatch.job.model.SoldOutAgainCandidate;
import dev.stockwatch.udfs.event.CatalogEvent;
import dev.stockwatch.udfs.event.ChannelEngagement;
import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import dev.stockwatch.udfs.event.InterestEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.event.OrderKey;
import dev.stockwatch.udfs.event.StockEvent;
import dev.stockwatch.udfs.event.Topic;
import java.time.Instant;
import java.util.List;

/** Compact builders of inputs for operator tests; times are UTC on 2026-11-20 unless a full instant is given. */
public final class TestEvents {
    public static final String DAY = "2026-11-20";
    private static long seq;

    private TestEvents() {}

    /** "10:00" or "10:00:30" on {@link #DAY}, or a full ISO instant. */
    public static long t(String time) {
        if (time.contains("T")) {
            return Instant.parse(time).toEpochMilli();
        }
        return Instant.parse(DAY + "T" + (time.length() == 5 ? time + ":00" : time) + "Z").toEpochMilli();
    }

    public static OrderKey key(Topic topic, long at) {
        return OrderKey.ofInput(topic, at, 0, ++seq);
    }

    public static SkuInput stock(String sku, String location, long available, String time) {
        long at = t(time);
        return SkuInput.stock(key(Topic.STOCK, at), new StockEvent(sku, location, available, at));
    }

    /** A stock report as the delivery's broadcast side receives it. */
    public static ShopEvent stockReport(String sku, String location, long available, String time) {
        long at = t(time);
        return ShopEvent.of(Topic.STOCK, new StockEvent(sku, location, available, at), 0, at);
    }

    /** A catalog entry as the delivery's broadcast side receives it. */
    public static ShopEvent catalogEntry(String sku, String name, double price, String time) {
        long at = t(time);
        return ShopEvent.of(Topic.CATALOG, new CatalogEvent(sku, name, null, price, "PLN", at), 0, at);
    }

    public static SkuInput stock(String sku, long available, String time) {
        return stock(sku, "online", available, time);
    }

    public static SkuInput subscribe(String customer, String sku, String time) {
        long at = t(time);
        return SkuInput.interest(key(Topic.INTEREST, at), new InterestEvent(true, customer, sku, at));
    }

    public static SkuInput unsubscribe(String customer, String sku, String time) {
        long at = t(time);
        return SkuInput.interest(key(Topic.INTEREST, at), new InterestEvent(false, customer, sku, at));
    }

    public static SkuInput purchase(String customer, String sku, String time) {
        long at = t(time);
        return SkuInput.purchase(key(Topic.ORDERS, at), sku, customer);
    }

    public static CustomerProfile emailProfile(String customer, String zone) {
        return new CustomerProfile(customer, customer + "@example.com", null, null, null, null,
                new Consent(true, false, false, false, false), zone, "pl-PL", null, null, 0L);
    }

    public static CustomerProfile pushProfile(String customer, String zone) {
        return new CustomerProfile(customer, null, null, "token-" + customer, null, null,
                new Consent(false, false, true, false, false), zone, null, null, null, 0L);
    }

    public static CustomerInput profile(CustomerProfile p, String time) {
        long at = t(time);
        return CustomerInput.profile(key(Topic.CUSTOMERS, at), p);
    }

    /** An engagement record: the email channel's standing (null: none) and the preferred UTC hour (null: none). */
    public static CustomerInput engagement(String customer, ChannelEngagement email, Integer preferredHour, String time) {
        long at = t(time);
        return CustomerInput.engagement(key(Topic.ENGAGEMENT, at),
                new EngagementEvent(customer, email, null, null, null, null, preferredHour, at));
    }

    public static CustomerInput order(String customer, String sku, String time) {
        long at = t(time);
        return CustomerInput.order(key(Topic.ORDERS, at),
                new OrderEvent("o-" + (++seq), customer, "online", null, List.of(new OrderItem(sku, 1, 100.0)), at));
    }

    public static SkuSignal signal(SignalType type, String customer, String sku, long episodeStart, String time) {
        long at = t(time);
        return new SkuSignal(key(Topic.STOCK, at), type, customer, sku, episodeStart, at);
    }

    public static CustomerInput released(String customer, String sku, String time) {
        return CustomerInput.signal(signal(SignalType.RELEASED, customer, sku, t(time), time));
    }

    /** A release at {@code time} in the restock episode that started at {@code episodeStart}. */
    public static CustomerInput releasedInEpisode(String customer, String sku, String episodeStart, String time) {
        return CustomerInput.signal(signal(SignalType.RELEASED, customer, sku, t(episodeStart), time));
    }

    public static CustomerInput soldOut(String customer, String sku, String episodeStart, String time) {
        return CustomerInput.signal(signal(SignalType.SOLD_OUT, customer, sku, t(episodeStart), time));
    }

    public static CustomerInput cartStep(String customer, int step, String lastActivity, String due, double unitPrice,
            String... skus) {
        List<dev.stockwatch.job.model.CartLine> lines = new java.util.ArrayList<>();
        java.util.Map<String, Integer> quantities = new java.util.TreeMap<>();
        for (String sku : skus) {
            lines.add(new dev.stockwatch.job.model.CartLine(sku, 1, unitPrice));
            quantities.put(sku, 1);
        }
        return CustomerInput.cartStep(new dev.stockwatch.job.model.CartStepCandidate(OrderKey.ofTimer(t(due)), customer, step,
                dev.stockwatch.udfs.domain.CartHash.of(quantities), lines, "PLN", t(lastActivity)));
    }

    public static CustomerInput cart(String customer, String sku, String time) {
        long at = t(time);
        return CustomerInput.cart(key(Topic.CART, at), new dev.stockwatch.udfs.event.CartEvent(
                dev.stockwatch.udfs.event.CartAction.ADD, customer, null, sku, 1, 10.0, "PLN", at));
    }

    public static CustomerInput posOrder(String customer, String sku, String time) {
        long at = t(time);
        return CustomerInput.order(key(Topic.ORDERS, at),
                new OrderEvent("p-" + (++seq), customer, "pos", "store-1", List.of(new OrderItem(sku, 1, 100.0)), at));
    }

    public static CustomerInput soldOutAgain(String customer, String sku, String episodeStart, String time) {
        long at = t(time);
        return CustomerInput.soldOutAgain(new SoldOutAgainCandidate(key(Topic.STOCK, at), customer, sku, t(episodeStart),
                t(episodeStart)));
    }
}
