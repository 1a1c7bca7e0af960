package dev.stockwatch.job.cep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * A keyed {@link MapState} kept as one value per key: the whole map is read and written at once.
 * For the small per-key maps of a CEP operator this costs one point lookup where a map state on
 * RocksDB seeks, and a seek over a key range whose entries were deleted walks every tombstone up to
 * the next live entry. An empty map is no state at all.
 */
final class MapInOneValue<K, V> implements MapState<K, V> {
    private final ValueState<Map<K, V>> state;

    MapInOneValue(ValueState<Map<K, V>> state) {
        this.state = state;
    }

    /** The stored map, which may be changed and then written back; empty (and not stored) if none. */
    private Map<K, V> read() throws Exception {
        Map<K, V> map = state.value();
        return map == null ? new HashMap<>() : map;
    }

    private void write(Map<K, V> map) throws Exception {
        if (map.isEmpty()) {
            state.clear();
        } else {
            state.update(map);
        }
    }

    @Override
    public V get(K key) throws Exception {
        Map<K, V> map = state.value();
        return map == null ? null : map.get(key);
    }

    @Override
    public void put(K key, V value) throws Exception {
        Map<K, V> map = read();
        map.put(key, value);
        state.update(map);
    }

    @Override
    public void putAll(Map<K, V> entries) throws Exception {
        if (entries.isEmpty()) {
            return;
        }
        Map<K, V> map = read();
        map.putAll(entries);
        state.update(map);
    }

    @Override
    public void remove(K key) throws Exception {
        Map<K, V> map = state.value();
        if (map != null && map.containsKey(key)) {
            map.remove(key);
            write(map);
        }
    }

    @Override
    public boolean contains(K key) throws Exception {
        Map<K, V> map = state.value();
        return map != null && map.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() throws Exception {
        return () -> view(Function.identity());
    }

    @Override
    public Iterable<K> keys() throws Exception {
        return () -> view(Map.Entry::getKey);
    }

    @Override
    public Iterable<V> values() throws Exception {
        return () -> view(Map.Entry::getValue);
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() throws Exception {
        return view(Function.identity());
    }

    @Override
    public boolean isEmpty() throws Exception {
        return state.value() == null;
    }

    @Override
    public void clear() {
        state.clear();
    }

    /**
     * An iterator over the entries as they are now; its {@code remove} removes the last one returned
     * from the state.
     */
    private <T> Iterator<T> view(Function<Map.Entry<K, V>, T> part) {
        List<Map.Entry<K, V>> entries;
        try {
            Map<K, V> map = state.value();
            entries = map == null ? Collections.emptyList() : new ArrayList<>(map.entrySet());
        } catch (Exception e) {
            throw new IllegalStateException("could not read the map state", e);
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < entries.size();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return part.apply(entries.get(next++));
            }

            @Override
            public void remove() {
                if (next == 0) {
                    throw new IllegalStateException("next() was not called");
                }
                try {
                    MapInOneValue.this.remove(entries.get(next - 1).getKey());
                } catch (Exception e) {
                    throw new IllegalStateException("could not update the map state", e);
                }
            }
        };
    }
}
