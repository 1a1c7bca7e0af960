package dev.stockwatch.job;

import dev.stockwatch.job.model.Sequenced;
import dev.stockwatch.job.pipeline.EventTimeOrderedBroadcastFunction;
import dev.stockwatch.job.pipeline.EventTimeOrderedFunction;
import dev.stockwatch.job.pipeline.SequencedBroadcastOperator;
import dev.stockwatch.job.pipeline.SequencedProcessOperator;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Open test harnesses of the job's event-time ordered functions on the operators the job runs them in. */
public final class SequencedHarnesses {
    private SequencedHarnesses() {}

    public static <IN extends Sequenced, OUT> KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> keyed(
            EventTimeOrderedFunction<IN, OUT> function, KeySelector<IN, String> key) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new SequencedProcessOperator<>(function), key, Types.STRING, 1, 1, 0);
        harness.open();
        return harness;
    }

    public static <IN extends Sequenced, B, OUT> KeyedBroadcastOperatorTestHarness<String, IN, B, OUT> keyedWithBroadcast(
            EventTimeOrderedBroadcastFunction<IN, B, OUT> function, KeySelector<IN, String> key,
            MapStateDescriptor<?, ?>... broadcastStates) throws Exception {
        var harness = new KeyedBroadcastOperatorTestHarness<>(
                new SequencedBroadcastOperator<>(function, List.of(broadcastStates)), key, Types.STRING, 1, 1, 0);
        harness.open();
        return harness;
    }
}
