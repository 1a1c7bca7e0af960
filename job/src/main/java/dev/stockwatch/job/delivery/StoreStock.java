package dev.stockwatch.job.delivery;

import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.event.StockEvent;
import java.util.List;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The {@code stock} stream per (sku, location) as broadcast state, for the nearest store of a cart
 * reminder (SPEC §7: {@code inStore} is what {@code stock} reported for the item at the customer's
 * {@code homeStore} at decision time). Stock is keyed by sku and decisions by customer; broadcasting
 * the levels lets every decision read them at its own event time, deterministically, without a
 * request and reply between the two keyed operators.
 */
public final class StoreStock {
    public static final MapStateDescriptor<String, List<StockLevel>> DESCRIPTOR = new MapStateDescriptor<>(
            "store-stock", Types.STRING, Types.LIST(TypeInformation.of(StockLevel.class)));

    private StoreStock() {}

    static void add(BroadcastState<String, List<StockLevel>> state, ShopEvent event, long retention) throws Exception {
        StockEvent stock = event.stock();
        String key = key(stock.sku(), stock.location());
        state.put(key, EventTimeVersions.add(state.get(key), new StockLevel(event.key(), stock.available()),
                StockLevel::key, retention));
    }

    /** The quantity reported for {@code sku} at {@code location} at {@code t}, or null when none was. */
    static Long availableAt(ReadOnlyBroadcastState<String, List<StockLevel>> state, String sku, String location, long t)
            throws Exception {
        StockLevel level = EventTimeVersions.at(state.get(key(sku, location)), t, StockLevel::key);
        return level == null ? null : level.available();
    }

    /** Ids may hold any character: the location's length keeps the pair unambiguous. */
    private static String key(String sku, String location) {
        return location.length() + ":" + location + sku;
    }
}
