package dev.stockwatch.job.pipeline;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;

/** The keys that have entries in a keyed state restored from a savepoint, for a migration at start. */
public final class RestoredKeys {
    private RestoredKeys() {}

    /** The keys with entries in the state {@code name}; none when no such state was restored. */
    public static <K> List<K> of(KeyedStateBackend<K> backend, String name) {
        try (Stream<K> restored = backend.getKeys(name, VoidNamespace.INSTANCE)) {
            return restored.distinct().collect(Collectors.toList());
        }
    }
}
