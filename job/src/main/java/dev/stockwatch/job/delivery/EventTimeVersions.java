package dev.stockwatch.job.delivery;

import dev.stockwatch.udfs.event.OrderKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The versions of one changelog entry held in broadcast state, so that a decision at t sees the
 * entry as it was at t (the latest version stamped at or before t), whatever order the versions
 * arrived in. Versions older than the one in force at the watermark are dropped.
 */
final class EventTimeVersions {
    private EventTimeVersions() {}

    static <V> List<V> add(List<V> versions, V added, Function<V, OrderKey> key, long watermark) {
        List<V> updated = versions == null ? new ArrayList<>() : new ArrayList<>(versions);
        updated.add(added);
        updated.sort(Comparator.comparing(key));
        int inForce = -1;
        for (int i = 0; i < updated.size(); i++) {
            if (key.apply(updated.get(i)).at() <= watermark) {
                inForce = i;
            }
        }
        return inForce > 0 ? new ArrayList<>(updated.subList(inForce, updated.size())) : updated;
    }

    /** The version in force at {@code t}, or null when none is stamped at or before it. */
    static <V> V at(List<V> versions, long t, Function<V, OrderKey> key) {
        V current = null;
        if (versions != null) {
            for (V v : versions) {
                if (key.apply(v).at() <= t) {
                    current = v;
                }
            }
        }
        return current;
    }
}
