package dev.stockwatch.bench;

import dev.stockwatch.udfs.event.Topic;
import java.io.Serializable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A deterministic synthetic shop: {@code total} events over all topics in the realistic mix (60 %
 * cart, 20 % stock, 10 % interest, 8 % orders, 2 % profiles) among {@code customers} customers and
 * {@code skus} skus, one millisecond of event time apart. Event k of a topic is a pure function of
 * (topic, k), so every run sees the same stream.
 */
public final class ShopStream implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    static final Map<Topic, Double> MIX = new EnumMap<>(Map.of(
            Topic.CART, 0.60, Topic.STOCK, 0.20, Topic.INTEREST, 0.10, Topic.ORDERS, 0.08, Topic.CUSTOMERS, 0.02));

    final long total;
    final int customers;
    final int skus;
    /** Event time between two events of the whole stream, ms. */
    final double spacing;
    /**
     * Stores besides {@code online}: with {@code stores > 0} every profile names a home store, and
     * {@link #shelfJson} gives a store's stock next to each online stock event (SPEC §7, the
     * nearest store of a cart reminder).
     */
    final int stores;

    public ShopStream(long total, int customers, int skus) {
        this(total, customers, skus, 1.0);
    }

    public ShopStream(long total, int customers, int skus, double spacing) {
        this(total, customers, skus, spacing, 0);
    }

    private ShopStream(long total, int customers, int skus, double spacing, int stores) {
        this.total = total;
        this.customers = customers;
        this.skus = skus;
        this.spacing = spacing;
        this.stores = stores;
    }

    /** The same shop with {@code count} stores, each customer's home store one of them. */
    ShopStream withStores(int count) {
        return new ShopStream(total, customers, skus, spacing, count);
    }

    private String store(long n) {
        return "store-" + Math.floorMod(n, stores);
    }

    /** A store's shelf of the sku of stock event k, at the same instant: what the store reported. */
    String shelfJson(long k) {
        long h = hash(Topic.STOCK, k);
        return stockJson(sku(h), store(h >>> 44), Math.floorMod(h >>> 52, 5), Instant.ofEpochMilli(at(Topic.STOCK, k)).toString());
    }

    private static String stockJson(String sku, String location, long available, String at) {
        return "{\"sku\":\"" + sku + "\",\"location\":\"" + location + "\",\"available\":" + available + ",\"at\":\"" + at + "\"}";
    }

    private static long hash(Topic topic, long k) {
        return mix(k * 31 + topic.ordinal());
    }

    private String sku(long hash) {
        return "s-" + Math.floorMod(hash >>> 20, skus);
    }

    long count(Topic topic) {
        return Math.round(total * MIX.getOrDefault(topic, 0.0));
    }

    /** The event time of event k of a topic: the topics interleave over the same span. */
    long at(Topic topic, long k) {
        return START + (long) (k / MIX.get(topic) * spacing);
    }

    static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    String json(Topic topic, long k) {
        return json(topic, k, at(topic, k));
    }

    /** Event k of a topic stamped {@code atMillis} (the latency figure stamps events with the wall clock). */
    String json(Topic topic, long k, long atMillis) {
        long h = hash(topic, k);
        String at = Instant.ofEpochMilli(atMillis).toString();
        String customer = "c-" + Math.floorMod(h, customers);
        String sku = sku(h);
        int r = (int) Math.floorMod(h >>> 40, 100);
        return switch (topic) {
            case CUSTOMERS -> "{\"customerId\":\"c-" + (k % customers) + "\",\"email\":\"c" + (k % customers)
                    + "@example.com\",\"pushToken\":\"t" + k + "\",\"consent\":{\"email\":" + (r < 80) + ",\"push\":true},"
                    + "\"timezone\":\"Europe/Warsaw\","
                    + (stores > 0 ? "\"homeStore\":\"" + store(k % customers) + "\"," : "") + "\"at\":\"" + at + "\"}";
            case STOCK -> stockJson(sku, "online", r % 4, at);
            case INTEREST -> "{\"type\":\"" + (r < 85 ? "subscribe" : "unsubscribe") + "\",\"customerId\":\"" + customer
                    + "\",\"sku\":\"" + sku + "\",\"at\":\"" + at + "\"}";
            case ORDERS -> "{\"orderId\":\"o-" + k + "\",\"customerId\":\"" + customer + "\",\"channel\":\""
                    + (r < 70 ? "online" : "pos") + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1,\"unitPrice\":"
                    + (10 + r) + ".5}],\"at\":\"" + at + "\"}";
            case CART -> r < 70
                    ? "{\"type\":\"add\",\"customerId\":\"" + customer + "\",\"sku\":\"" + sku + "\",\"quantity\":" + (1 + r % 3)
                            + ",\"unitPrice\":" + (5 + r) + ".0,\"currency\":\"PLN\",\"at\":\"" + at + "\"}"
                    : r < 90
                            ? "{\"type\":\"remove\",\"customerId\":\"" + customer + "\",\"sku\":\"" + sku
                                    + "\",\"quantity\":1,\"at\":\"" + at + "\"}"
                            : "{\"type\":\"" + (r < 95 ? "clear" : "checkout") + "\",\"customerId\":\"" + customer
                                    + "\",\"at\":\"" + at + "\"}";
            case ENGAGEMENT -> "{\"customerId\":\"" + customer + "\",\"channels\":{\"email\":{\"status\":\""
                    + (r < 90 ? "ok" : "bounced") + "\",\"address\":\"" + customer + "@example.com\"}},\"preferredHour\":"
                    + (r % 24) + ",\"at\":\"" + at + "\"}";
            case CATALOG -> "{\"sku\":\"" + sku + "\",\"name\":\"Item " + sku + "\",\"price\":9.99,\"at\":\"" + at + "\"}";
        };
    }
}
