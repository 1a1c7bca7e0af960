package dev.stockwatch.job.restock;

import dev.stockwatch.udfs.event.StockEvent;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A sku's stock over the sellable locations ({@code restock.locations}, SPEC §4): the latest
 * report per location, kept while it is above 0.
 */
final class SellableStock {
    private final Set<String> locations;
    private final MapState<String, Long> byLocation;

    SellableStock(RuntimeContext context, Collection<String> locations) {
        this.locations = new HashSet<>(locations);
        byLocation = context.getMapState(new MapStateDescriptor<>("stock", Types.STRING, Types.LONG));
    }

    /** Takes a stock report; false when it changes nothing (another location, or the same quantity). */
    boolean update(StockEvent stock) throws Exception {
        if (!locations.contains(stock.location())) {
            return false;
        }
        Long previous = byLocation.get(stock.location());
        if ((previous == null ? 0L : previous) == stock.available()) {
            return false;
        }
        if (stock.available() == 0) {
            byLocation.remove(stock.location());
        } else {
            byLocation.put(stock.location(), stock.available());
        }
        return true;
    }

    /** The sum over the sellable locations. */
    long quantity() throws Exception {
        long qty = 0;
        for (Long available : byLocation.values()) {
            qty += available;
        }
        return qty;
    }
}
