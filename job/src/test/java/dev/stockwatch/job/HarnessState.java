package dev.stockwatch.job;

import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** What a harness of a keyed operator still holds, for the harnesses that do not tell it themselves. */
public final class HarnessState {
    private HarnessState() {}

    /** Keyed state entries (one per key and state) on the heap backend of the harness. */
    public static int keyedStateEntries(AbstractStreamOperatorTestHarness<?> harness) {
        var backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        return ((HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
    }
}
