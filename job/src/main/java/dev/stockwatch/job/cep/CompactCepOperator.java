package dev.stockwatch.job.cep;

import dev.stockwatch.job.pipeline.RestoredKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StatePartitionStreamProvider;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Flink's CEP operator in event time, with its per-key maps (the events waiting for the watermark,
 * and the shared buffer's events, nodes and counts) each kept as one value per key ({@link
 * MapsAsValuesStore}). The NFA, the buffering in event time and the matching are Flink's own.
 *
 * <p>Why: Flink's CEP operator looks at these maps with prefix seeks on every watermark that fires
 * a key (whether one is empty, which timestamps wait, the counts to prune), and on RocksDB a prefix
 * seek walks every deleted entry up to the next live one. CEP deletes what it has applied, so on a
 * stream with many short-lived keys the seeks grow with the run: the full pipeline on RocksDB fell
 * from 26k events/s over 60,000 events to 6k over 300,000 (docs/BENCHMARKS.md, eighth round). One
 * value per key is a point lookup.
 *
 * <p>Each map is read at most once and written at most once per element and per timer (see {@link
 * MapInOneValue}): Flink's operator reads the same map several times in one call.
 *
 * <p>A savepoint of Flink's own CEP operator restores: its maps are moved into the values when the
 * operator starts, key by key, and left empty.
 */
public final class CompactCepOperator<I, K, O> extends CepOperator<I, K, O> {
    private static final long serialVersionUID = 1L;

    private transient MapsAsValuesStore store;

    public CompactCepOperator(TypeSerializer<I> input, Pattern<I, ?> pattern, EventComparator<I> order,
            PatternProcessFunction<I, O> function) {
        super(input, false, NFACompiler.compileFactory(pattern, false), order, AfterMatchSkipStrategy.noSkip(), function, null);
    }

    /** The pattern applied to a keyed stream in event time, as {@code CEP.pattern(...).process(...)} would. */
    public static <I, K, O> SingleOutputStreamOperator<O> detect(KeyedStream<I, K> input, String name, Pattern<I, ?> pattern,
            EventComparator<I> order, PatternProcessFunction<I, O> function, Class<O> output) {
        TypeSerializer<I> serializer = input.getType().createSerializer(input.getExecutionConfig().getSerializerConfig());
        return input.transform(name, TypeInformation.of(output), new CompactCepOperator<>(serializer, pattern, order, function));
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        store = new MapsAsValuesStore(context.getKeyedStateStore(), this::getCurrentKey);
        super.initializeState(new WithStore(context, store));
        if (context.isRestored()) {
            for (MapStateDescriptor<?, ?> map : store.mapsHandedOut()) {
                moveIntoOneValue(getKeyedStateBackend(), map);
            }
        }
    }

    @Override
    public void processElement(StreamRecord<I> element) throws Exception {
        super.processElement(element);
        store.flush();
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        super.onEventTime(timer);
        store.flush();
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        super.onProcessingTime(timer);
        store.flush();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        store.flush(); // nothing is left unwritten after a call; this only makes sure
        super.snapshotState(context);
    }

    /**
     * Moves a map state restored from a savepoint of Flink's CEP operator into its value, key by key,
     * and clears it. Nothing happens if the savepoint has no such map (it was written by this operator).
     */
    static <K, M, V> void moveIntoOneValue(KeyedStateBackend<K> backend, MapStateDescriptor<M, V> map) throws Exception {
        ValueState<Map<M, V>> after = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                MapsAsValuesStore.valueDescriptor(map));
        RestoredKeys.forEachKey(backend, map, before -> {
            Map<M, V> entries = new HashMap<>();
            for (Map.Entry<M, V> e : before.entries()) {
                entries.put(e.getKey(), e.getValue());
            }
            if (!entries.isEmpty()) {
                after.update(entries);
            }
            before.clear();
        });
    }

    /** The operator's initialization context with another keyed state store. */
    private static final class WithStore implements StateInitializationContext {
        private final StateInitializationContext context;
        private final KeyedStateStore store;

        WithStore(StateInitializationContext context, KeyedStateStore store) {
            this.context = context;
            this.store = store;
        }

        @Override
        public boolean isRestored() {
            return context.isRestored();
        }

        @Override
        public OptionalLong getRestoredCheckpointId() {
            return context.getRestoredCheckpointId();
        }

        @Override
        public OperatorStateStore getOperatorStateStore() {
            return context.getOperatorStateStore();
        }

        @Override
        public KeyedStateStore getKeyedStateStore() {
            return store;
        }

        @Override
        public Iterable<StatePartitionStreamProvider> getRawOperatorStateInputs() {
            return context.getRawOperatorStateInputs();
        }

        @Override
        public Iterable<KeyGroupStatePartitionStreamProvider> getRawKeyedStateInputs() {
            return context.getRawKeyedStateInputs();
        }
    }
}
