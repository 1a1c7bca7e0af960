package dev.stockwatch.job.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Test;

class MapInOneValueTest {
    /** A value state as a backend keeps it, one value per key; every value read is a copy, as on RocksDB. */
    private static final class Values implements ValueState<Map<String, Integer>> {
        final Map<String, Map<String, Integer>> byKey = new HashMap<>();
        String key = "k1";
        int reads;
        int writes;
        int deletes;

        Map<String, Integer> stored() {
            return byKey.get(key);
        }

        @Override
        public Map<String, Integer> value() {
            reads++;
            Map<String, Integer> v = byKey.get(key);
            return v == null ? null : new HashMap<>(v);
        }

        @Override
        public void update(Map<String, Integer> map) {
            byKey.put(key, new HashMap<>(map));
            writes++;
        }

        @Override
        public void clear() {
            byKey.remove(key);
            deletes++;
        }
    }

    private final Values stored = new Values();
    private final MapInOneValue<String, Integer> map = new MapInOneValue<>(stored, () -> stored.key);

    @Test
    void anEmptyMapIsNoState() throws Exception {
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get("a")).isNull();
        assertThat(map.contains("a")).isFalse();
        assertThat(map.keys()).isEmpty();
        map.putAll(Map.of());
        map.remove("a");
        map.put("a", 1);
        map.remove("a");
        map.flush();
        assertThat(stored.byKey).isEmpty();
        assertThat(stored.writes).isZero();
        assertThat(stored.deletes).as("nothing was stored, so nothing is deleted").isZero();
    }

    @Test
    void entriesAreWrittenAsOneValue() throws Exception {
        map.put("a", 1);
        map.putAll(Map.of("b", 2, "c", 3));
        map.put("a", 4);
        map.flush();
        assertThat(stored.stored()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 4, "b", 2, "c", 3));
        assertThat(map.get("a")).isEqualTo(4);
        assertThat(map.contains("b")).isTrue();
        assertThat(map.keys()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(map.values()).containsExactlyInAnyOrder(4, 2, 3);
        assertThat(map.entries()).containsExactlyInAnyOrderElementsOf(Map.of("a", 4, "b", 2, "c", 3).entrySet());
        assertThat(map.isEmpty()).isFalse();
    }

    @Test
    void aCallReadsTheMapOnceAndWritesItBackOnceIfItChanged() throws Exception {
        stored.update(Map.of("a", 1));
        stored.writes = 0;
        assertThat(map.get("a")).isEqualTo(1);
        assertThat(map.keys()).containsExactly("a");
        map.put("b", 2);
        map.remove("a");
        assertThat(map.get("b")).isEqualTo(2);
        assertThat(stored.stored()).as("not written before the call ends").containsOnlyKeys("a");
        map.flush();
        assertThat(stored.reads).isEqualTo(1);
        assertThat(stored.writes).isEqualTo(1);
        assertThat(stored.stored()).containsOnlyKeys("b");

        assertThat(map.get("b")).isEqualTo(2);
        map.flush();
        assertThat(stored.reads).as("the next call reads again").isEqualTo(2);
        assertThat(stored.writes).as("an unchanged map is not written").isEqualTo(1);
    }

    @Test
    void theNextCallSeesWhatTheBackendHolds() throws Exception {
        map.put("a", 1);
        map.flush();
        stored.update(Map.of("z", 9)); // a restore, say
        assertThat(map.keys()).containsExactly("z");
    }

    @Test
    void aMapReadForAnotherKeyIsReadAgain() throws Exception {
        map.put("a", 1);
        map.flush();
        stored.key = "k2";
        assertThat(map.isEmpty()).isTrue();
        map.put("b", 2);
        map.flush();
        assertThat(stored.byKey).containsOnlyKeys("k1", "k2");
        assertThat(stored.byKey.get("k1")).containsOnlyKeys("a");
        assertThat(stored.byKey.get("k2")).containsOnlyKeys("b");

        stored.key = "k1";
        assertThat(map.get("a")).isEqualTo(1);
        stored.key = "k2";
        assertThat(map.get("b")).as("unchanged, so another key may be read").isEqualTo(2);
    }

    @Test
    void aChangeNotWrittenBackBeforeAnotherKeyIsRefused() throws Exception {
        map.put("a", 1);
        stored.key = "k2";
        assertThatThrownBy(() -> map.get("a")).isInstanceOf(IllegalStateException.class).hasMessageContaining("k1");
        assertThatThrownBy(map::clear).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void removingTheLastEntryLeavesNoState() throws Exception {
        map.put("a", 1);
        map.put("b", 2);
        map.flush();
        map.remove("a");
        map.flush();
        assertThat(stored.stored()).containsOnlyKeys("b");
        map.remove("b");
        map.flush();
        assertThat(stored.stored()).isNull();
        assertThat(map.isEmpty()).isTrue();
    }

    @Test
    void anIteratorRemovesFromTheStateAndSeesTheEntriesAsTheyWere() throws Exception {
        map.putAll(Map.of("a", 1, "b", 2, "c", 3));
        Iterator<String> keys = map.keys().iterator();
        assertThatThrownBy(keys::remove).isInstanceOf(IllegalStateException.class);
        int seen = 0;
        while (keys.hasNext()) {
            String key = keys.next();
            seen++;
            if (!key.equals("b")) {
                keys.remove();
            }
        }
        assertThat(seen).isEqualTo(3);
        map.flush();
        assertThat(stored.stored()).containsOnlyKeys("b");
        Iterator<Map.Entry<String, Integer>> entries = map.iterator();
        entries.next();
        entries.remove();
        assertThat(entries.hasNext()).isFalse();
        map.flush();
        assertThat(stored.stored()).isNull();
    }

    @Test
    void clearForgetsEverything() throws Exception {
        map.putAll(Map.of("a", 1, "b", 2));
        map.flush();
        stored.reads = 0;
        map.clear();
        assertThat(map.entries()).isEmpty();
        map.flush();
        assertThat(stored.stored()).isNull();
        assertThat(stored.reads).as("clearing needs no read").isZero();
    }
}
