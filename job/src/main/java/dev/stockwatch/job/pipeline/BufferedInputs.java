package dev.stockwatch.job.pipeline;

import dev.stockwatch.job.model.Sequenced;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The inputs of one subtask that wait for the watermark, per key and event time, on the heap.
 *
 * <p>In a checkpoint they are one union list of (key, input); on restore every subtask reads the
 * list and keeps the inputs of its own key groups, so a restore at another parallelism finds each
 * input where its key's state is.
 *
 * <p>Savepoints of earlier versions kept these inputs in a keyed map state, {@code pending-inputs}.
 * A restore from such a savepoint (recognised by the missing {@code buffered-inputs-legacy-until}
 * entry) also reads that map for the inputs it held. Those were stamped at most {@code
 * input.max-future} ahead of the wall clock when they were read, before the restore; so once a
 * timer later than the wall clock at the restore plus {@link #LEGACY_HORIZON_MILLIS} fires, none
 * is left and the map is no longer read. Until then checkpoints carry that instant, so a restore
 * from one of them still reads the map. Those inputs are applied when their Flink timers fire (the
 * earlier version registered one per key and instant); the inputs kept here need none, the
 * watermark applies them ({@link #takeDue}).
 */
final class BufferedInputs<IN extends Sequenced> {
    private static final String LEGACY_STATE = "pending-inputs";
    /** Longer than any sensible {@code input.max-future} (1 d by default). */
    static final long LEGACY_HORIZON_MILLIS = java.time.Duration.ofDays(30).toMillis();
    private static final long NO_LEGACY = Long.MIN_VALUE;

    /** What takes the inputs of a key at an instant. */
    interface Taker {
        void take(String key, long at) throws Exception;
    }

    /** Event time → key → the inputs of that key at that time, in arrival order. */
    private final TreeMap<Long, Map<String, List<IN>>> byTime = new TreeMap<>();
    private final TypeInformation<IN> inputType;
    private final ListState<Tuple2<String, IN>> checkpointed;
    private final ListState<Long> legacyUntilState;
    /** Up to which instant the keyed map of an earlier version may still hold inputs; {@link #NO_LEGACY} when it holds none. */
    private long legacyUntil;
    private MapState<Long, List<IN>> legacy;
    private int size;

    private BufferedInputs(TypeInformation<IN> inputType, ListState<Tuple2<String, IN>> checkpointed,
            ListState<Long> legacyUntilState, long legacyUntil) {
        this.inputType = inputType;
        this.checkpointed = checkpointed;
        this.legacyUntilState = legacyUntilState;
        this.legacyUntil = legacyUntil;
    }

    static <IN extends Sequenced> BufferedInputs<IN> restore(FunctionInitializationContext context, RuntimeContext runtime,
            TypeInformation<IN> inputType) throws Exception {
        var store = context.getOperatorStateStore();
        ListState<Long> legacyUntilState = store.getUnionListState(
                new ListStateDescriptor<>("buffered-inputs-legacy-until", Types.LONG));
        long legacyUntil = NO_LEGACY;
        boolean marked = false;
        for (Long until : legacyUntilState.get()) {
            marked = true;
            legacyUntil = Math.max(legacyUntil, until);
        }
        if (context.isRestored() && !marked) { // a savepoint of an earlier version
            legacyUntil = System.currentTimeMillis() + LEGACY_HORIZON_MILLIS;
        }
        ListState<Tuple2<String, IN>> checkpointed = store.getUnionListState(
                new ListStateDescriptor<>("buffered-inputs", Types.TUPLE(Types.STRING, inputType)));
        BufferedInputs<IN> buffer = new BufferedInputs<>(inputType, checkpointed, legacyUntilState, legacyUntil);
        TaskInfo task = runtime.getTaskInfo();
        for (Tuple2<String, IN> entry : checkpointed.get()) {
            int owner = KeyGroupRangeAssignment.assignKeyToParallelOperator(
                    entry.f0, task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks());
            if (owner == task.getIndexOfThisSubtask()) {
                buffer.add(entry.f0, entry.f1.key().at(), entry.f1);
            }
        }
        return buffer;
    }

    /** Reads the keyed map of an earlier version's savepoint, if this run was restored from one. */
    void openLegacy(RuntimeContext runtime) {
        if (legacyUntil != NO_LEGACY) {
            legacy = runtime.getMapState(new MapStateDescriptor<>(LEGACY_STATE, Types.LONG, Types.LIST(inputType)));
        }
    }

    void snapshot() throws Exception {
        List<Tuple2<String, IN>> all = new ArrayList<>(size);
        byTime.values().forEach(keys -> keys.forEach((key, inputs) -> inputs.forEach(input -> all.add(Tuple2.of(key, input)))));
        checkpointed.update(all);
        legacyUntilState.update(List.of(legacyUntil));
    }

    void add(String key, long at, IN input) {
        size++;
        byTime.computeIfAbsent(at, t -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new ArrayList<>(1)).add(input);
    }

    /**
     * Calls {@code due} for every key and instant up to {@code watermark} that has inputs waiting,
     * in ascending event time; {@code due} takes them ({@link #remove}).
     */
    void takeDue(long watermark, Taker due) throws Exception {
        Map.Entry<Long, Map<String, List<IN>>> first;
        while ((first = byTime.firstEntry()) != null && first.getKey() <= watermark) {
            long at = first.getKey();
            for (String key : List.copyOf(first.getValue().keySet())) {
                due.take(key, at);
            }
            if (byTime.containsKey(at)) {
                throw new IllegalStateException("inputs waiting at " + at + " were not taken");
            }
        }
    }

    /** Takes the inputs of {@code key} at {@code at}, or null; the key must be the current key. */
    List<IN> remove(String key, long at) throws Exception {
        Map<String, List<IN>> keys = byTime.get(at);
        List<IN> inputs = keys == null ? null : keys.remove(key);
        if (inputs != null) {
            size -= inputs.size();
            if (keys.isEmpty()) {
                byTime.remove(at);
            }
        }
        if (legacy != null && at > legacyUntil) {
            // timers fire in event-time order: every input of the earlier version's map is applied
            legacy = null;
            legacyUntil = NO_LEGACY;
        }
        if (legacy != null) {
            List<IN> old = legacy.get(at);
            if (old != null) {
                legacy.remove(at);
                if (inputs == null) {
                    return old;
                }
                inputs.addAll(old);
            }
        }
        return inputs;
    }

    /**
     * Whether the current key has inputs of an earlier version's keyed map waiting at {@code at}:
     * those wait for their Flink timer.
     */
    boolean legacyWaitsAt(long at) throws Exception {
        return legacy != null && at <= legacyUntil && legacy.contains(at);
    }

    int size() {
        return size;
    }

    /**
     * Up to which instant no input of any key waits (the instant before the earliest one that
     * does), counting those an earlier version's keyed map may still hold; {@code Long.MAX_VALUE}
     * when none waits.
     */
    long noneWaitsBefore() {
        if (legacy != null) {
            return Long.MIN_VALUE;
        }
        return byTime.isEmpty() ? Long.MAX_VALUE : byTime.firstKey() - 1;
    }
}
