package dev.stockwatch.job.pipeline;

import dev.stockwatch.job.model.Sequenced;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Like {@link EventTimeOrderedFunction}, for a keyed function that also reads broadcast state
 * (kept by {@link #onBroadcast}); see {@link EventTimeSequencer} for the ordering.
 */
public abstract class EventTimeOrderedBroadcastFunction<IN extends Sequenced, B, OUT>
        extends KeyedBroadcastProcessFunction<String, IN, B, OUT> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final EventTimeSequencer<IN> sequencer;

    private transient OnTimerContext currentTimerContext;

    protected EventTimeOrderedBroadcastFunction(TypeInformation<IN> inputType, long until) {
        this.sequencer = new EventTimeSequencer<>(inputType, until);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        sequencer.initializeState(context, getRuntimeContext());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        sequencer.snapshotState();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        sequencer.open(getRuntimeContext());
    }

    protected abstract void apply(IN input, long now, Collector<OUT> out) throws Exception;

    protected abstract void fire(DomainTimer timer, long now, Collector<OUT> out) throws Exception;

    /** Keeps the broadcast state; called as broadcast elements arrive. */
    protected abstract void onBroadcast(B element, Context ctx) throws Exception;

    @Override
    public final void processElement(IN input, ReadOnlyContext ctx, Collector<OUT> out) throws Exception {
        sequencer.buffer(ctx.getCurrentKey(), input, ctx.timerService());
    }

    @Override
    public final void processBroadcastElement(B element, Context ctx, Collector<OUT> out) throws Exception {
        onBroadcast(element, ctx);
    }

    @Override
    public final void onTimer(long t, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        currentTimerContext = ctx;
        sequencer.onTimer(ctx.getCurrentKey(), t, ctx.timerService(), this::apply, this::fire, out, () -> currentTimerContext = null);
    }

    /** Schedules and cancels this operator's domain timers. */
    protected final EventTimeSequencer<IN> sequencer() {
        return sequencer;
    }

    protected final String currentKey() {
        return currentTimerContext.getCurrentKey();
    }

    /** The context of the input or timer being processed, for reading broadcast state. */
    protected final OnTimerContext timerContext() {
        return currentTimerContext;
    }
}
