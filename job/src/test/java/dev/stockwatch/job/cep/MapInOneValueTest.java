package dev.stockwatch.job.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Test;

class MapInOneValueTest {
    /** A value state of one key, as the backend keeps it. */
    private static final class OneValue implements ValueState<Map<String, Integer>> {
        Map<String, Integer> value;
        int writes;

        @Override
        public Map<String, Integer> value() {
            return value;
        }

        @Override
        public void update(Map<String, Integer> map) {
            value = map;
            writes++;
        }

        @Override
        public void clear() {
            value = null;
        }
    }

    private final OneValue stored = new OneValue();
    private final MapInOneValue<String, Integer> map = new MapInOneValue<>(stored);

    @Test
    void anEmptyMapIsNoState() throws Exception {
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get("a")).isNull();
        assertThat(map.contains("a")).isFalse();
        assertThat(map.keys()).isEmpty();
        map.putAll(Map.of());
        map.remove("a");
        assertThat(stored.value).isNull();
        assertThat(stored.writes).isZero();
    }

    @Test
    void entriesAreWrittenAsOneValue() throws Exception {
        map.put("a", 1);
        map.putAll(Map.of("b", 2, "c", 3));
        map.put("a", 4);
        assertThat(stored.value).containsExactlyInAnyOrderEntriesOf(Map.of("a", 4, "b", 2, "c", 3));
        assertThat(map.get("a")).isEqualTo(4);
        assertThat(map.contains("b")).isTrue();
        assertThat(map.keys()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(map.values()).containsExactlyInAnyOrder(4, 2, 3);
        assertThat(map.entries()).containsExactlyInAnyOrderElementsOf(Map.of("a", 4, "b", 2, "c", 3).entrySet());
        assertThat(map.isEmpty()).isFalse();
    }

    @Test
    void removingTheLastEntryLeavesNoState() throws Exception {
        map.put("a", 1);
        map.put("b", 2);
        map.remove("a");
        assertThat(stored.value).containsOnlyKeys("b");
        map.remove("b");
        assertThat(stored.value).isNull();
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
        assertThat(stored.value).containsOnlyKeys("b");
        Iterator<Map.Entry<String, Integer>> entries = map.iterator();
        entries.next();
        entries.remove();
        assertThat(entries.hasNext()).isFalse();
        assertThat(stored.value).isNull();
    }

    @Test
    void clearForgetsEverything() throws Exception {
        map.putAll(Map.of("a", 1, "b", 2));
        map.clear();
        assertThat(stored.value).isNull();
        assertThat(map.entries()).isEmpty();
    }
}
