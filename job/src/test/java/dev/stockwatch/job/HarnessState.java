package dev.stockwatch.job;

import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** What a harness of a keyed operator still holds, for the harnesses that do not tell it themselves. */
public final class HarnessState {
    private HarnessState() {}

    /** Keyed state entries (one per key and state) on the heap backend of the harness. */
    public static int keyedStateEntries(AbstractStreamOperatorTestHarness<?> harness) {
        return backend(harness).numKeyValueStateEntries();
    }

    /** How many keys hold the state named {@code state} (its descriptor's name); 0 for a state never used. */
    public static long keysHolding(AbstractStreamOperatorTestHarness<?> harness, String state) {
        return backend(harness).getKeys(state, VoidNamespace.INSTANCE).count();
    }

    private static HeapKeyedStateBackend<?> backend(AbstractStreamOperatorTestHarness<?> harness) {
        return (HeapKeyedStateBackend<?>) ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
    }
}
