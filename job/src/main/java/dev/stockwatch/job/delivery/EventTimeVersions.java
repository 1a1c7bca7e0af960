package dev.stockwatch.job.delivery;

import dev.stockwatch.udfs.event.OrderKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The versions of one changelog entry held in broadcast state, so that a decision at t sees the
 * entry as it was at t (the latest version stamped at or before t), whatever order the versions
 * arrived in.
 *
 * <p>Pruning looks at the versions alone, never at a subtask's watermark: a version is dropped
 * once a later version is stamped {@code retention} or more before the newest one, i.e. the list
 * keeps the version in force at {@code newest - retention} and every later one. The kept list is
 * therefore the same function of the set of versions received, whatever their arrival order and
 * whichever subtask receives them, so every copy of the broadcast state is identical (Flink hands
 * one subtask's copy to others when a savepoint is restored at another parallelism). The retention
 * must cover how far behind the newest version a decision can still be made (see {@code
 * broadcast.retention}); {@link #KEEP_ALL} drops nothing.
 */
final class EventTimeVersions {
    /** A retention that keeps every version: for inputs whose event time moves only at their end. */
    static final long KEEP_ALL = Long.MAX_VALUE;

    private EventTimeVersions() {}

    static <V> List<V> add(List<V> versions, V added, Function<V, OrderKey> key, long retention) {
        List<V> updated = versions == null ? new ArrayList<>() : new ArrayList<>(versions);
        updated.add(added);
        updated.sort(Comparator.comparing(key));
        long newest = key.apply(updated.get(updated.size() - 1)).at();
        if (retention == KEEP_ALL || newest < Long.MIN_VALUE + retention) {
            return updated;
        }
        int inForce = indexAt(updated, newest - retention, key);
        return inForce > 0 ? new ArrayList<>(updated.subList(inForce, updated.size())) : updated;
    }

    /** The version in force at {@code t}, or null when none is stamped at or before it. */
    static <V> V at(List<V> versions, long t, Function<V, OrderKey> key) {
        int i = versions == null ? -1 : indexAt(versions, t, key);
        return i < 0 ? null : versions.get(i);
    }

    /** The index of the last version stamped at or before {@code t} in a sorted list, or -1. */
    private static <V> int indexAt(List<V> versions, long t, Function<V, OrderKey> key) {
        int inForce = -1;
        for (int i = 0; i < versions.size() && key.apply(versions.get(i)).at() <= t; i++) {
            inForce = i;
        }
        return inForce;
    }
}
