package dev.stockwatch.job.pipeline;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;

/** A keyed state restored from a savepoint, migrated key by key when the operator starts. */
public final class RestoredKeys {
    private RestoredKeys() {}

    /** What a migration does with the restored state of one key (the backend's current key). */
    public interface Migration<S> {
        void apply(S state) throws Exception;
    }

    /**
     * Applies {@code migration} to the state {@code descriptor} for every key with entries in it,
     * that key current. Nothing happens, and the state is not registered, when none was restored.
     */
    public static <K, S extends State> void forEachKey(KeyedStateBackend<K> backend, StateDescriptor<S, ?> descriptor,
            Migration<S> migration) throws Exception {
        List<K> keys;
        try (Stream<K> restored = backend.getKeys(descriptor.getName(), VoidNamespace.INSTANCE)) {
            keys = restored.distinct().collect(Collectors.toList());
        }
        if (keys.isEmpty()) {
            return;
        }
        S state = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
        for (K key : keys) {
            backend.setCurrentKey(key);
            migration.apply(state);
        }
    }
}
