package dev.stockwatch.job.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * A generated shop day with enough going on to keep state in every operator while a job is
 * disturbed: {@code customers} profiles, subscriptions to ten skus that come back and sell out
 * again, carts of which a third end in an order, orders right after a restock. Every sku's catalog
 * entry changes every hour and the stock of the cart items at the home store {@value #HOME_STORE}
 * (of every other email customer) every half hour, so each decision reads the versions of its own
 * instant from the broadcast state. Deterministic.
 *
 * <p>Every ten minutes of event time, every partition of every input topic also gets a
 * "heartbeat" record of a customer and sku that nobody else uses ({@code hb-N}, one per
 * partition): with a long {@code input.idle-timeout}, a partition without records would hold
 * event time back, and output would come only at the very end. They are part of the day, so the
 * replay sees them too.
 */
final class BusyDay {
    static final Instant START = Instant.parse("2026-11-20T06:00:00Z");

    private BusyDay() {}

    static final Duration LENGTH = Duration.ofHours(11);
    static final String HOME_STORE = "waw-01";
    /** Subscriptions come in over the first hours of the day, before the skus come back. */
    private static final Duration SUBSCRIBING = Duration.ofHours(4);
    /** Carts are filled from 08:00 to 13:00, whatever the number of customers. */
    private static final Duration SHOPPING = Duration.ofHours(5);

    /**
     * Writes {@code DIR/<topic>.jsonl} for {@code customers} customers, heartbeats for topics of
     * {@code partitions} partitions; returns DIR.
     */
    static Path write(Path dir, int customers, int partitions) throws IOException {
        Files.createDirectories(dir);
        List<String> profiles = new ArrayList<>();
        List<String> interest = new ArrayList<>();
        List<String> stock = new ArrayList<>();
        List<String> carts = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            String sku = "SKU-" + s;
            stock.add("{\"sku\":\"" + sku + "\",\"location\":\"online\",\"available\":0,\"at\":\"" + at(Duration.ZERO) + "\"}");
            stock.add("{\"sku\":\"" + sku + "\",\"location\":\"online\",\"available\":5,\"at\":\""
                    + at(Duration.ofHours(4).plusMinutes(20L * s)) + "\"}");
            stock.add("{\"sku\":\"" + sku + "\",\"location\":\"online\",\"available\":0,\"at\":\""
                    + at(Duration.ofHours(8).plusMinutes(15L * s)) + "\"}");
        }
        for (int i = 0; i < customers; i++) {
            String c = String.format("c-%04d", i);
            if (i % 5 == 0) {
                profiles.add("{\"customerId\":\"" + c + "\",\"phone\":\"+4850000" + i + "\",\"consent\":{\"sms\":true},"
                        + "\"timezone\":\"America/New_York\",\"at\":\"" + at(Duration.ofDays(-1)) + "\"}");
            } else {
                profiles.add("{\"customerId\":\"" + c + "\",\"email\":\"" + c + "@example.com\",\"consent\":{\"email\":true},"
                        + (i % 2 == 0 ? "\"homeStore\":\"" + HOME_STORE + "\"," : "")
                        + "\"timezone\":\"Europe/Warsaw\",\"locale\":\"pl-PL\",\"at\":\"" + at(Duration.ofDays(-1)) + "\"}");
            }
            String sku = "SKU-" + (i % 10);
            interest.add("{\"type\":\"subscribe\",\"customerId\":\"" + c + "\",\"sku\":\"" + sku + "\",\"at\":\""
                    + at(SUBSCRIBING.multipliedBy(i).dividedBy(customers)) + "\"}");
            if (i % 4 == 0) {
                Duration back = Duration.ofHours(4).plusMinutes(20L * (i % 10)).plusMinutes(10);
                orders.add("{\"orderId\":\"o-r" + i + "\",\"customerId\":\"" + c + "\",\"channel\":\"online\",\"items\":"
                        + "[{\"sku\":\"" + sku + "\",\"quantity\":1,\"unitPrice\":99.0}],\"at\":\"" + at(back) + "\"}");
            }
            String item = "ITEM-" + (i % 7);
            Duration added = Duration.ofHours(2).plus(SHOPPING.multipliedBy(i).dividedBy(customers));
            carts.add("{\"type\":\"add\",\"customerId\":\"" + c + "\",\"sku\":\"" + item + "\",\"quantity\":" + (1 + i % 3)
                    + ",\"unitPrice\":" + (20 + i % 50) + ".0,\"currency\":\"PLN\",\"at\":\"" + at(added) + "\"}");
            if (i % 3 == 0) {
                orders.add("{\"orderId\":\"o-c" + i + "\",\"customerId\":\"" + c + "\",\"channel\":\"pos\",\"storeId\":\"waw-01\","
                        + "\"items\":[{\"sku\":\"" + item + "\",\"quantity\":" + (1 + i % 3) + ",\"unitPrice\":20.0}],\"at\":\""
                        + at(added.plusMinutes(30)) + "\"}");
            }
        }
        List<String> catalog = new ArrayList<>();
        versions(catalog, stock);
        List<String> engagement = new ArrayList<>();
        for (String hb : heartbeatIds(partitions)) {
            for (Duration t = Duration.ZERO; t.compareTo(LENGTH) <= 0; t = t.plusMinutes(10)) {
                String when = at(t);
                profiles.add("{\"customerId\":\"" + hb + "\",\"at\":\"" + when + "\"}");
                catalog.add("{\"sku\":\"" + hb + "\",\"name\":\"heartbeat\",\"at\":\"" + when + "\"}");
                stock.add("{\"sku\":\"" + hb + "\",\"location\":\"online\",\"available\":0,\"at\":\"" + when + "\"}");
                orders.add("{\"orderId\":\"" + hb + "-" + t.toMinutes() + "\",\"customerId\":\"" + hb + "\",\"channel\":\"online\","
                        + "\"items\":[{\"sku\":\"" + hb + "\",\"quantity\":1,\"unitPrice\":0}],\"at\":\"" + when + "\"}");
                interest.add("{\"type\":\"unsubscribe\",\"customerId\":\"" + hb + "\",\"sku\":\"" + hb + "\",\"at\":\"" + when + "\"}");
                carts.add("{\"type\":\"clear\",\"customerId\":\"" + hb + "\",\"at\":\"" + when + "\"}");
                engagement.add("{\"customerId\":\"" + hb + "\",\"channels\":{},\"at\":\"" + when + "\"}");
            }
        }
        Files.write(dir.resolve("catalog.jsonl"), catalog, StandardCharsets.UTF_8);
        Files.write(dir.resolve("engagement.jsonl"), engagement, StandardCharsets.UTF_8);
        Files.write(dir.resolve("customers.jsonl"), profiles, StandardCharsets.UTF_8);
        Files.write(dir.resolve("interest.jsonl"), interest, StandardCharsets.UTF_8);
        Files.write(dir.resolve("stock.jsonl"), stock, StandardCharsets.UTF_8);
        Files.write(dir.resolve("cart.jsonl"), carts, StandardCharsets.UTF_8);
        Files.write(dir.resolve("orders.jsonl"), orders, StandardCharsets.UTF_8);
        return dir;
    }

    /** Hourly catalog entries of every sku, half-hourly stock of the cart items at the home store. */
    private static void versions(List<String> catalog, List<String> stock) {
        for (int k = 0; k < 17; k++) {
            String sku = k < 10 ? "SKU-" + k : "ITEM-" + (k - 10);
            for (Duration t = Duration.ofMinutes(k); t.compareTo(LENGTH) <= 0; t = t.plusMinutes(30)) {
                long n = t.toMinutes() / 30;
                if (n % 2 == 0) {
                    catalog.add("{\"sku\":\"" + sku + "\",\"name\":\"" + sku + " rev " + n / 2 + "\",\"price\":" + (20 + k + n)
                            + ".0,\"currency\":\"PLN\",\"at\":\"" + at(t) + "\"}");
                }
                if (k >= 10) {
                    stock.add("{\"sku\":\"" + sku + "\",\"location\":\"" + HOME_STORE + "\",\"available\":" + (n * 3 + k) % 7
                            + ",\"at\":\"" + at(t) + "\"}");
                }
            }
        }
    }

    /** One id per partition: the first {@code hb-N} that Kafka's default partitioner puts there. */
    static List<String> heartbeatIds(int partitions) {
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (int n = 0; ; n++) {
                String id = "hb-" + n;
                byte[] key = id.getBytes(StandardCharsets.UTF_8);
                if (Utils.toPositive(Utils.murmur2(key)) % partitions == p) {
                    ids.add(id);
                    break;
                }
            }
        }
        return ids;
    }

    private static String at(Duration sinceStart) {
        return START.plus(sinceStart).toString();
    }
}
