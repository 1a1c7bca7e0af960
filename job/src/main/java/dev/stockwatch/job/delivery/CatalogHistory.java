package dev.stockwatch.job.delivery;

import dev.stockwatch.job.model.ItemInfo;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.domain.Links;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The {@code catalog} changelog as broadcast state: per sku its versions, so a decision at t sees
 * the entry as it was at t (the latest version stamped at or before t), whatever order the
 * versions arrived in. Versions older than the one in force at the watermark are dropped.
 */
public final class CatalogHistory {
    public static final MapStateDescriptor<String, List<CatalogVersion>> DESCRIPTOR = new MapStateDescriptor<>(
            "catalog-history", Types.STRING, Types.LIST(TypeInformation.of(CatalogVersion.class)));

    private CatalogHistory() {}

    static void add(BroadcastState<String, List<CatalogVersion>> state, ShopEvent event, long watermark) throws Exception {
        String sku = event.catalog().sku();
        List<CatalogVersion> versions = state.get(sku);
        List<CatalogVersion> updated = versions == null ? new ArrayList<>() : new ArrayList<>(versions);
        updated.add(new CatalogVersion(event.key(), event.catalog()));
        updated.sort(Comparator.comparing(CatalogVersion::key));
        int inForce = -1;
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).key().at() <= watermark) {
                inForce = i;
            }
        }
        state.put(sku, inForce > 0 ? new ArrayList<>(updated.subList(inForce, updated.size())) : updated);
    }

    /** The item as the catalog described it at {@code t}; without an entry, only the product link. */
    static ItemInfo itemAt(ReadOnlyBroadcastState<String, List<CatalogVersion>> state, String sku, long t, String productLink)
            throws Exception {
        List<CatalogVersion> versions = state.get(sku);
        CatalogVersion current = null;
        if (versions != null) {
            for (CatalogVersion v : versions) {
                if (v.key().at() <= t) {
                    current = v;
                }
            }
        }
        if (current == null) {
            return new ItemInfo(sku, null, Links.forSku(productLink, sku), null, null);
        }
        var e = current.entry();
        return new ItemInfo(sku, e.name(), e.url() != null ? e.url() : Links.forSku(productLink, sku), e.price(), e.currency());
    }
}
