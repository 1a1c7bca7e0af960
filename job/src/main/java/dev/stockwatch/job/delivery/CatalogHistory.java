package dev.stockwatch.job.delivery;

import dev.stockwatch.job.model.ItemInfo;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.domain.Links;
import java.util.List;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** The {@code catalog} changelog as broadcast state: per sku its {@link EventTimeVersions}. */
public final class CatalogHistory {
    public static final MapStateDescriptor<String, List<CatalogVersion>> DESCRIPTOR = new MapStateDescriptor<>(
            "catalog-history", Types.STRING, Types.LIST(TypeInformation.of(CatalogVersion.class)));

    private CatalogHistory() {}

    static void add(BroadcastState<String, List<CatalogVersion>> state, ShopEvent event, long retention) throws Exception {
        String sku = event.catalog().sku();
        state.put(sku, EventTimeVersions.add(state.get(sku), new CatalogVersion(event.key(), event.catalog()),
                CatalogVersion::key, retention));
    }

    /** The item as the catalog described it at {@code t}; without an entry, only the product link. */
    static ItemInfo itemAt(ReadOnlyBroadcastState<String, List<CatalogVersion>> state, String sku, long t, String productLink)
            throws Exception {
        CatalogVersion current = EventTimeVersions.at(state.get(sku), t, CatalogVersion::key);
        if (current == null) {
            return new ItemInfo(sku, null, Links.forSku(productLink, sku), null, null, null);
        }
        var e = current.entry();
        return new ItemInfo(sku, e.name(), e.url() != null ? e.url() : Links.forSku(productLink, sku), e.price(), e.currency(),
                null);
    }
}
