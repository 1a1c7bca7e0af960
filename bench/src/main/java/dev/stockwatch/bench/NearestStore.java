package dev.stockwatch.bench;

import dev.stockwatch.udfs.event.Topic;

/**
 * The inputs of the nearest-store figure: a {@link ShopStream} with stores, where every online
 * stock event is followed, at the same instant, by a store's shelf of the same sku. The online
 * stream is the figure-1 mix unchanged; the shelves are the extra work the join adds (parsing,
 * the broadcast to every delivery subtask, the lookups of cart reminders for the home store).
 */
final class NearestStore {
    private NearestStore() {}

    /** How many store shelves the stream adds to the shop's events. */
    static long shelves(ShopStream shop) {
        return shop.count(Topic.STOCK);
    }

    static GeneratedInputs inputs(ShopStream shop) {
        return new GeneratedInputs(new GeneratedInputs.Events() {
            @Override
            public long count(Topic topic) {
                return topic == Topic.STOCK ? 2 * shop.count(topic) : shop.count(topic);
            }

            @Override
            public String json(Topic topic, long k) {
                if (topic != Topic.STOCK) {
                    return shop.json(topic, k);
                }
                return k % 2 == 0 ? shop.json(topic, k / 2) : shop.shelfJson(k / 2);
            }
        });
    }
}
