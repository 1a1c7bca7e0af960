package dev.stockwatch.job.cep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * A keyed {@link MapState} kept as one value per key: the whole map is read and written at once.
 * For the small per-key maps of a CEP operator this costs one point lookup where a map state on
 * RocksDB seeks, and a seek over a key range whose entries were deleted walks every tombstone up to
 * the next live entry. An empty map is no state at all.
 *
 * <p>Within one call of the operator (an element, a timer) the map is read once and written once:
 * the first access reads it, later ones use what was read, and {@link #flush} writes it back if it
 * changed. Flink's CEP operator reads the same map several times per call (which timestamps wait,
 * the events of one, its removal; the shared buffer's counts), and on RocksDB every read is a
 * lookup and a deserialization of the whole map. Within a call this is what the heap backend does
 * anyway: it hands out the stored map itself.
 */
final class MapInOneValue<K, V> implements MapState<K, V> {
    private final ValueState<Map<K, V>> state;
    private final Supplier<Object> currentKey;

    /** The map of {@link #readFor}'s key as read or changed in this call; null when none is read. */
    private Map<K, V> map;
    private Object readFor;
    private boolean changed;
    /** Whether the backend may hold a value for {@link #readFor}: writing back an empty map then deletes it. */
    private boolean mayBeStored;

    /**
     * @param currentKey the key the backend is set to; a map read for another key is read again
     */
    MapInOneValue(ValueState<Map<K, V>> state, Supplier<Object> currentKey) {
        this.state = state;
        this.currentKey = currentKey;
    }

    /** The map of the current key, read at its first access in a call. */
    private Map<K, V> read() throws Exception {
        Object key = currentKey.get();
        if (map != null && Objects.equals(key, readFor)) {
            return map;
        }
        requireWrittenBack(key);
        Map<K, V> stored = state.value();
        map = stored == null ? new HashMap<>() : stored;
        mayBeStored = stored != null;
        readFor = key;
        return map;
    }

    private void requireWrittenBack(Object key) {
        if (changed && !Objects.equals(key, readFor)) {
            throw new IllegalStateException("the map state of key " + readFor + " changed and was not written back before key "
                    + key + " was read");
        }
    }

    private Map<K, V> change() throws Exception {
        Map<K, V> m = read();
        changed = true;
        return m;
    }

    /** Writes the map back if this call changed it (no state when empty), and forgets what was read. */
    void flush() throws Exception {
        if (changed) {
            if (map.isEmpty()) {
                if (mayBeStored) {
                    state.clear();
                }
            } else {
                state.update(map);
            }
            changed = false;
        }
        map = null;
        readFor = null;
    }

    @Override
    public V get(K key) throws Exception {
        return read().get(key);
    }

    @Override
    public void put(K key, V value) throws Exception {
        change().put(key, value);
    }

    @Override
    public void putAll(Map<K, V> entries) throws Exception {
        if (!entries.isEmpty()) {
            change().putAll(entries);
        }
    }

    @Override
    public void remove(K key) throws Exception {
        if (read().containsKey(key)) {
            change().remove(key);
        }
    }

    @Override
    public boolean contains(K key) throws Exception {
        return read().containsKey(key);
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
        return read().isEmpty();
    }

    @Override
    public void clear() {
        Object key = currentKey.get();
        if (map != null && Objects.equals(key, readFor)) {
            map.clear();
            changed = true;
            return;
        }
        requireWrittenBack(key);
        map = new HashMap<>();
        readFor = key;
        mayBeStored = true; // not read: there may be a value to delete
        changed = true;
    }

    /**
     * An iterator over the entries as they are now; its {@code remove} removes the last one returned
     * from the state.
     */
    private <T> Iterator<T> view(Function<Map.Entry<K, V>, T> part) {
        List<Map.Entry<K, V>> entries;
        try {
            entries = new ArrayList<>(read().entrySet());
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
