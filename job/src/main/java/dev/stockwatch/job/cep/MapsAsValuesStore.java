package dev.stockwatch.job.cep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.MapSerializer;

/**
 * A keyed state store that hands out every map state as a {@link MapInOneValue}, stored under the
 * map's name with {@link #SUFFIX}; every other kind of state is the store's own.
 */
final class MapsAsValuesStore implements KeyedStateStore {
    /** Appended to a map state's name: the value state that holds it has another type. */
    static final String SUFFIX = ".one-value";

    private final KeyedStateStore store;
    private final Supplier<Object> currentKey;
    /** Every map state handed out, by its descriptor, in the order they were asked for. */
    private final Map<MapStateDescriptor<?, ?>, MapInOneValue<?, ?>> maps = new LinkedHashMap<>();

    /** @param currentKey the key the backend is set to */
    MapsAsValuesStore(KeyedStateStore store, Supplier<Object> currentKey) {
        this.store = store;
        this.currentKey = currentKey;
    }

    /** Writes back every map the current call changed; call at the end of each element and timer. */
    void flush() throws Exception {
        for (MapInOneValue<?, ?> map : maps.values()) {
            map.flush();
        }
    }

    /** The descriptors of the map states handed out so far. */
    List<MapStateDescriptor<?, ?>> mapsHandedOut() {
        return List.copyOf(maps.keySet());
    }

    static <K, V> ValueStateDescriptor<Map<K, V>> valueDescriptor(MapStateDescriptor<K, V> map) {
        return new ValueStateDescriptor<>(map.getName() + SUFFIX,
                new MapSerializer<>(map.getKeySerializer(), map.getValueSerializer()));
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        // asked for twice, a map is one instance: what one call read and changed is written back once
        @SuppressWarnings("unchecked")
        MapInOneValue<K, V> map = (MapInOneValue<K, V>) maps.computeIfAbsent(descriptor,
                d -> new MapInOneValue<>(store.getState(valueDescriptor(descriptor)), currentKey));
        return map;
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return store.getState(descriptor);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return store.getListState(descriptor);
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
        return store.getReducingState(descriptor);
    }

    @Override
    public <I, A, O> AggregatingState<I, O> getAggregatingState(AggregatingStateDescriptor<I, A, O> descriptor) {
        return store.getAggregatingState(descriptor);
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ValueState<T> getValueState(
            org.apache.flink.api.common.state.v2.ValueStateDescriptor<T> descriptor) {
        return store.getValueState(descriptor);
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ListState<T> getListState(
            org.apache.flink.api.common.state.v2.ListStateDescriptor<T> descriptor) {
        return store.getListState(descriptor);
    }

    @Override
    public <K, V> org.apache.flink.api.common.state.v2.MapState<K, V> getMapState(
            org.apache.flink.api.common.state.v2.MapStateDescriptor<K, V> descriptor) {
        return store.getMapState(descriptor);
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ReducingState<T> getReducingState(
            org.apache.flink.api.common.state.v2.ReducingStateDescriptor<T> descriptor) {
        return store.getReducingState(descriptor);
    }

    @Override
    public <I, A, O> org.apache.flink.api.common.state.v2.AggregatingState<I, O> getAggregatingState(
            org.apache.flink.api.common.state.v2.AggregatingStateDescriptor<I, A, O> descriptor) {
        return store.getAggregatingState(descriptor);
    }

    @Override
    public String getBackendTypeIdentifier() {
        return store.getBackendTypeIdentifier();
    }
}
