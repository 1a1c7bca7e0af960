package dev.stockwatch.bench;

import dev.stockwatch.udfs.event.Topic;
import java.time.Instant;

/** Inputs for the fan-out and state-scale figures: many subscriptions, profiles, and an optional restock. */
final class FanOut {
    private FanOut() {}

    /** {@code subscribers} customers with email profiles waiting for sku {@code hot}; then, optionally, 5 units of it. */
    static GeneratedInputs inputs(int subscribers, boolean restock) {
        long start = ShopStream.START;
        return new GeneratedInputs(new GeneratedInputs.Events() {
            @Override
            public long count(Topic topic) {
                return switch (topic) {
                    case CUSTOMERS, INTEREST -> subscribers;
                    case STOCK -> restock ? 1 : 0;
                    default -> 0;
                };
            }

            @Override
            public String json(Topic topic, long k) {
                String at = Instant.ofEpochMilli(start + k).toString();
                return switch (topic) {
                    case CUSTOMERS -> "{\"customerId\":\"c-" + k + "\",\"email\":\"c" + k
                            + "@example.com\",\"consent\":{\"email\":true},\"at\":\"" + at + "\"}";
                    case INTEREST -> "{\"type\":\"subscribe\",\"customerId\":\"c-" + k + "\",\"sku\":\"hot\",\"at\":\"" + at + "\"}";
                    default -> "{\"sku\":\"hot\",\"available\":5,\"at\":\""
                            + Instant.ofEpochMilli(start + subscribers + 1000) + "\"}";
                };
            }
        });
    }

    /** {@code size} subscriptions of distinct customers spread over {@code skus} skus, nothing else. */
    static GeneratedInputs subscriptions(int size, int skus) {
        long start = ShopStream.START;
        return new GeneratedInputs(new GeneratedInputs.Events() {
            @Override
            public long count(Topic topic) {
                return topic == Topic.INTEREST ? size : 0;
            }

            @Override
            public String json(Topic topic, long k) {
                return "{\"type\":\"subscribe\",\"customerId\":\"c-" + k + "\",\"sku\":\"s-" + (k % skus) + "\",\"at\":\""
                        + Instant.ofEpochMilli(start + k) + "\"}";
            }
        });
    }
}
